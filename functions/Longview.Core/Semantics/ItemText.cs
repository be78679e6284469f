using System.IO.Hashing;
using System.Text;
using Longview.Core.Items;

namespace Longview.Core.Semantics;

/// <summary>
/// What the encoder reads for an item: <c>"Heat (1995). Action, Crime, Thriller. Tags: heist, los angeles. A
/// description…"</c>. One place, so the embeddings the catalogue stores, the training side file and a re-encode after
/// an edit all read the same text; its hash tells whether a stored embedding is still current.
/// </summary>
public static class ItemText
{
    /// <summary>The encoders read at most 512 tokens; a few thousand characters cover that.</summary>
    public const int MaxLength = 4_000;

    public static string Compose(CatalogItem item)
    {
        var text = new StringBuilder(item.Title.Trim());
        if (item.Categories.Count > 0)
        {
            text.Append(". ").AppendJoin(", ", item.Categories);
        }
        if (item.Tags is { Count: > 0 } tags)
        {
            text.Append(". Tags: ").AppendJoin(", ", tags);
        }
        if (!string.IsNullOrWhiteSpace(item.Description))
        {
            text.Append(". ").Append(item.Description.Trim());
        }
        return text.Length > MaxLength ? text.ToString(0, MaxLength) : text.ToString();
    }

    /// <summary>The fingerprint of the text the encoder reads for <paramref name="item"/> now.</summary>
    public static string HashOf(CatalogItem item) => Hash(Compose(item));

    /// <summary>A stable 16-hex-digit fingerprint of the text (XxHash3 of its UTF-8 bytes).</summary>
    public static string Hash(string text) =>
        XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(text)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
