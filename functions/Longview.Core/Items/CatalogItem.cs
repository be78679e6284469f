namespace Longview.Core.Items;

/// <summary>
/// A catalogue item. Categories feed profile affinities, ranking diversity and cold start; the text (title,
/// categories, tags, description: <see cref="Semantics.ItemText"/>) is what the text encoder reads, so an item the model
/// has never seen can still be scored.
/// </summary>
public sealed record CatalogItem(
    string ItemId,
    string Title,
    IReadOnlyList<string> Categories,
    DateTimeOffset? CreatedAt = null,
    string? Description = null,
    IReadOnlyList<string>? Tags = null);
