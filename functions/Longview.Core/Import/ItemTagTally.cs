using Longview.Core.Items;

namespace Longview.Core.Import;

/// <summary>
/// Counts the tags users gave each item and answers an item's most used ones within <see cref="ItemLimits"/>: at most
/// <see cref="ItemLimits.MaxTags"/>, each 1..<see cref="ItemLimits.MaxTagLength"/> characters (longer ones are left out,
/// never cut), the most used first, ties in ordinal order. Tags are compared after trimming, collapsing runs of white
/// space and lower-casing ("Highly quotable" and "highly  quotable" are one tag), and kept in that form.
/// </summary>
public sealed class ItemTagTally
{
    private readonly Dictionary<string, Dictionary<string, int>> _byItem = new(StringComparer.Ordinal);

    /// <summary>Items with at least one tag counted.</summary>
    public int Items => _byItem.Count;

    public void Add(string itemId, string tag)
    {
        var normal = Normalize(tag);
        if (normal.Length == 0)
        {
            return;
        }
        if (!_byItem.TryGetValue(itemId, out var counts))
        {
            _byItem[itemId] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
        }
        counts[normal] = counts.GetValueOrDefault(normal) + 1;
    }

    /// <summary>The item's tags within the limits, most used first; null when it has none.</summary>
    public IReadOnlyList<string>? TagsOf(string itemId, ItemLimits limits)
    {
        if (!_byItem.TryGetValue(itemId, out var counts))
        {
            return null;
        }
        var tags = counts
            .Where(c => c.Key.Length <= limits.MaxTagLength)
            .OrderByDescending(c => c.Value)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(limits.MaxTags)
            .Select(c => c.Key)
            .ToList();
        return tags.Count == 0 ? null : tags;
    }

    public static string Normalize(string tag) =>
        string.Join(' ', tag.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
