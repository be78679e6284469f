using Longview.Core.Serving.Catalog;

namespace Longview.Core.Semantics;

/// <summary>
/// The catalogue items one model version has never seen but can score from their text: each with its projected
/// vector (<see cref="TextProjection.Project"/>), computed once per catalogue snapshot and model version, never per
/// request. Items the model knows are scored by the model itself and are not here.
/// </summary>
public sealed class TextScoredItems
{
    private TextScoredItems(CatalogSnapshot catalogue, TextProjection projection, string[] itemIds, float[][] vectors)
    {
        Catalogue = catalogue;
        Projection = projection;
        ItemIds = itemIds;
        Vectors = vectors;
        Categories = [.. itemIds.Select(catalogue.CategoriesOf)];
        Embeddings = [.. itemIds.Select(id => catalogue.EmbeddingOf(id) ?? [])];
        _indexes = itemIds.Select((id, i) => KeyValuePair.Create(id, i)).ToDictionary(StringComparer.Ordinal);
    }

    private readonly Dictionary<string, int> _indexes;

    public CatalogSnapshot Catalogue { get; }

    public TextProjection Projection { get; }

    public IReadOnlyList<string> ItemIds { get; }

    public IReadOnlyList<float[]> Vectors { get; }

    /// <summary>Each item's categories and text embedding, for <see cref="NewItemScoring"/>'s features.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Categories { get; }

    public IReadOnlyList<float[]> Embeddings { get; }

    public int Count => ItemIds.Count;

    /// <summary>The item's position in <see cref="ItemIds"/> (and in <see cref="Score"/>'s output); -1 when not text-scored.</summary>
    public int IndexOf(string itemId) => _indexes.TryGetValue(itemId, out var index) ? index : -1;

    public bool IsFor(CatalogSnapshot catalogue, TextProjection projection) =>
        ReferenceEquals(Catalogue, catalogue) && ReferenceEquals(Projection, projection);

    /// <summary>
    /// Every item's served score for one request: the text score <c>h · v</c> (h recovered from the model's scores)
    /// put on the known items' scale by the projection's <see cref="NewItemScoring"/>, whose features read the model's
    /// input items (<paramref name="input"/>, the history the model scored).
    /// </summary>
    public void Score(ReadOnlySpan<float> modelScores, IReadOnlyList<string> input, Span<float> scores)
    {
        if (scores.Length < Count)
        {
            throw new ArgumentException($"room for {scores.Length} scores, {Count} items", nameof(scores));
        }
        Span<float> state = stackalloc float[Projection.Dimensions];
        Projection.RecoverState(modelScores, state);
        var scoring = Projection.Scoring;
        var features = scoring.UsesInput
            ? scoring.ForInput([.. input.Select(Catalogue.CategoriesOf)], input.Select(Catalogue.EmbeddingOf), Projection.TextDimensions)
            : scoring.ForInput([], [], Projection.TextDimensions);
        for (var i = 0; i < Count; i++)
        {
            scores[i] = scoring.Score(TextProjection.Score(state, Vectors[i]), features, Categories[i], Embeddings[i]);
        }
    }

    /// <param name="isKnown">Whether the model scores the item itself (its vocabulary).</param>
    /// <param name="max">At most this many items (newest first when they have a creation time), bounding per-request work.</param>
    public static TextScoredItems Build(CatalogSnapshot catalogue, TextProjection projection, Func<string, bool> isKnown, int max)
    {
        if (catalogue.EmbeddingEncoder != projection.Encoder)
        {
            return new TextScoredItems(catalogue, projection, [], []);
        }
        var unknown = catalogue.EmbeddedItems
            .Where(id => !isKnown(id))
            .OrderByDescending(id => catalogue.Find(id)?.CreatedAt ?? DateTimeOffset.MinValue)
            .ThenBy(id => id, StringComparer.Ordinal)
            .Take(max)
            .ToArray();
        var vectors = new float[unknown.Length][];
        for (var i = 0; i < unknown.Length; i++)
        {
            var embedding = catalogue.EmbeddingOf(unknown[i])!;
            vectors[i] = embedding.Length == projection.TextDimensions ? projection.Project(embedding) : [];
        }
        var usable = Enumerable.Range(0, unknown.Length).Where(i => vectors[i].Length > 0).ToArray();
        return new TextScoredItems(catalogue, projection, [.. usable.Select(i => unknown[i])], [.. usable.Select(i => vectors[i])]);
    }
}
