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
    }

    public CatalogSnapshot Catalogue { get; }

    public TextProjection Projection { get; }

    public IReadOnlyList<string> ItemIds { get; }

    public IReadOnlyList<float[]> Vectors { get; }

    public int Count => ItemIds.Count;

    public bool IsFor(CatalogSnapshot catalogue, TextProjection projection) =>
        ReferenceEquals(Catalogue, catalogue) && ReferenceEquals(Projection, projection);

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
