using Longview.Core.Items;

namespace Longview.Core.Semantics;

/// <summary>
/// The text embedding of one item by one encoder. <paramref name="TextHash"/> is <see cref="ItemText.Hash"/> of the text
/// it was computed from: an item whose text changed since has no current embedding until it is encoded again.
/// </summary>
public sealed record ItemEmbedding(string ItemId, string Encoder, string TextHash, float[] Vector, DateTimeOffset ComputedAt)
{
    /// <summary>
    /// The one test of "is this embedding current": computed by <paramref name="encoder"/> from the text whose hash is
    /// <paramref name="textHash"/> (<see cref="ItemText.HashOf"/> of the item as it is now).
    /// </summary>
    public bool IsCurrent(string encoder, string textHash) =>
        string.Equals(Encoder, encoder, StringComparison.Ordinal) && string.Equals(TextHash, textHash, StringComparison.Ordinal);

    /// <summary><see cref="IsCurrent(string, string)"/> for <paramref name="item"/> as it is now.</summary>
    public bool IsCurrentFor(CatalogItem item, string encoder) =>
        string.Equals(ItemId, item.ItemId, StringComparison.Ordinal) && IsCurrent(encoder, ItemText.HashOf(item));
}
