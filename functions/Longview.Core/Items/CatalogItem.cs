namespace Longview.Core.Items;

/// <summary>A catalogue item. Categories feed profile affinities, ranking diversity and cold start.</summary>
public sealed record CatalogItem(string ItemId, string Title, IReadOnlyList<string> Categories, DateTimeOffset? CreatedAt = null);
