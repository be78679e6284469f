namespace Longview.Core.Semantics;

/// <summary>
/// A pretrained sentence encoder (the adapter lives in Infrastructure). CPU-bound and slow (tens of texts per second
/// per core): called only from background work, never on a request path.
/// </summary>
public interface ITextEncoder
{
    /// <summary>The model and its version, e.g. <c>arctic-embed-xs@24.9.52193</c>: embeddings of different encoders never mix.</summary>
    string Id { get; }

    int Dimensions { get; }

    /// <summary>One unit-length vector of <see cref="Dimensions"/> values per text, in order.</summary>
    float[][] Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
