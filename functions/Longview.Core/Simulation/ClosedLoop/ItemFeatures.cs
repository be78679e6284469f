using Longview.Core.Events;
using Longview.Core.Items;

namespace Longview.Core.Simulation.ClosedLoop;

/// <summary>
/// What the simulated users know about items: their genres (as indices into <see cref="Genres"/>) and their appeal,
/// the percentile of distinct real users who engaged with them (0 for an item nobody engaged with, 1 for the most popular).
/// </summary>
public sealed class ItemFeatures
{
    private static readonly int[] NoGenres = [];
    private readonly Dictionary<string, int[]> _genres;
    private readonly Dictionary<string, double> _appeal;

    private ItemFeatures(IReadOnlyList<string> genres, Dictionary<string, int[]> itemGenres, Dictionary<string, double> appeal, Dictionary<string, int> usersPerItem)
    {
        Genres = genres;
        _genres = itemGenres;
        _appeal = appeal;
        UsersPerItem = usersPerItem;
    }

    /// <summary>All genres, ordinal order.</summary>
    public IReadOnlyList<string> Genres { get; }

    /// <summary>Distinct real users per item (the popularity the fallback path ranks by).</summary>
    public IReadOnlyDictionary<string, int> UsersPerItem { get; }

    public int ItemCount => _genres.Count;

    public int[] GenresOf(string itemId) => _genres.GetValueOrDefault(itemId) ?? NoGenres;

    public double AppealOf(string itemId) => _appeal.GetValueOrDefault(itemId);

    /// <param name="items">The catalogue; its categories are the genres.</param>
    /// <param name="usersEvents">Each real user's events (engagement with an item counts once per user).</param>
    public static ItemFeatures Build(IReadOnlyList<CatalogItem> items, IEnumerable<IReadOnlyList<UserEvent>> usersEvents)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(usersEvents);
        var genres = items.SelectMany(i => i.Categories).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (genres.Length == 0)
        {
            throw new ArgumentException("items: no item has a category, so there are no genres to have a taste over", nameof(items));
        }
        var index = genres.Select((g, i) => (g, i)).ToDictionary(p => p.g, p => p.i, StringComparer.Ordinal);
        var itemGenres = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            itemGenres[item.ItemId] = [.. item.Categories.Distinct(StringComparer.Ordinal).Select(g => index[g])];
        }
        var usersPerItem = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var events in usersEvents)
        {
            seen.Clear();
            foreach (var e in events)
            {
                if (e.ItemId is { } itemId && e.Type.IsEngagement() && itemGenres.ContainsKey(itemId) && seen.Add(itemId))
                {
                    usersPerItem[itemId] = usersPerItem.GetValueOrDefault(itemId) + 1;
                }
            }
        }
        // Percentile rank among the engaged-with items; ties share the lower rank.
        var ranked = usersPerItem.OrderBy(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToArray();
        var appeal = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < ranked.Length; i++)
        {
            appeal[ranked[i].Key] = ranked.Length == 1 ? 1 : (double)(i + 1) / ranked.Length;
        }
        return new ItemFeatures(genres, itemGenres, appeal, usersPerItem);
    }
}
