namespace Longview.Core.Serving.Models;

/// <summary>
/// Where serving gets the current model. Each request holds one lease for its whole duration, so a response is
/// always computed by exactly one model version even while a new version is being swapped in.
/// </summary>
public interface IModelSource
{
    /// <summary>A lease on the current model, or null when no model is loaded (serving falls back).</summary>
    IModelLease? Acquire();

    /// <summary>
    /// A lease on a named version (an experiment variant's model), or null when that version is not loaded. The default
    /// knows only the serving version; a source that preloads the versions the experiments name overrides it.
    /// </summary>
    IModelLease? Acquire(string version)
    {
        var lease = Acquire();
        if (lease is not null && lease.Version != version)
        {
            lease.Dispose();
            return null;
        }
        return lease;
    }

    /// <summary>What is serving now, for health and <c>GET /api/models/current</c>; null when nothing is loaded.</summary>
    ModelDescription? Current { get; }
}

/// <summary>A reference-counted hold on one loaded model version; disposing it releases the hold.</summary>
public interface IModelLease : IDisposable
{
    string Version { get; }

    /// <summary>
    /// Longest input sequence the model is given; longer histories keep their newest items. The manifest's serving
    /// window when it has one (the training job's measured choice), else the model's maximum length.
    /// </summary>
    int MaxLength { get; }

    /// <summary>Vocabulary size without the padding index: scores have <c>ItemCount + 1</c> entries, index 0 is padding.</summary>
    int ItemCount { get; }

    /// <summary>Vocabulary index of an item, or 0 when the model does not know it.</summary>
    int IndexOf(string itemId);

    /// <summary>The item id at a vocabulary index (1..ItemCount).</summary>
    string ItemAt(int index);

    /// <summary>Scores every vocabulary entry after <paramref name="sequence"/> (vocabulary indices, oldest first).</summary>
    void Score(ReadOnlySpan<int> sequence, Span<float> scores);

    /// <summary>The churn model's input, in order; empty when the version has no churn model.</summary>
    IReadOnlyList<Churn.ChurnFeature> ChurnFeatures { get; }

    /// <summary>Probability of no activity in the next 30 days for features laid out as <see cref="ChurnFeatures"/>.</summary>
    float PredictChurn(ReadOnlySpan<float> features);

    /// <summary>How this version scores catalogue items it has never seen, from their text; null when it cannot.</summary>
    Semantics.TextProjection? Text => null;
}

/// <summary>The serving model as the API shows it.</summary>
public sealed record ModelDescription(
    string Version,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? PromotedAt,
    int ItemCount,
    int MaxLength,
    System.Text.Json.JsonElement? Metrics);
