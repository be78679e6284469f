using Longview.Core.Events;
using Longview.Core.Profiles;

namespace Longview.Core.Serving.Exclusions;

/// <summary>
/// What one request must not show: consumed items, fatigued items and the request's own exclusions; plus the
/// fatigue level (0..1) of items shown before but still allowed, for the ranker's penalty.
/// </summary>
public sealed class ItemExclusions
{
    private readonly HashSet<string> _excluded;
    private readonly Dictionary<string, double> _fatigue;

    private ItemExclusions(HashSet<string> excluded, Dictionary<string, double> fatigue)
    {
        _excluded = excluded;
        _fatigue = fatigue;
    }

    public bool IsExcluded(string itemId) => _excluded.Contains(itemId);

    /// <summary>0 for a fresh item, approaching 1 as impressions near the fatigue threshold.</summary>
    public double FatigueOf(string itemId) => _fatigue.GetValueOrDefault(itemId);

    public IReadOnlyCollection<string> ExcludedIds => _excluded;

    public static ItemExclusions For(UserProfile? profile, IReadOnlyCollection<string> requestExclusions, DateTimeOffset now, ExclusionOptions options)
    {
        var excluded = new HashSet<string>(requestExclusions, StringComparer.Ordinal);
        var fatigue = new Dictionary<string, double>(StringComparer.Ordinal);
        if (profile is not null)
        {
            foreach (var e in profile.Recent)
            {
                if (options.ConsumedTypes.Contains(e.Type))
                {
                    excluded.Add(e.ItemId);
                }
            }
            foreach (var (itemId, impressions) in ImpressionFatigue.Compute(profile.Recent, now, options.FatigueHalfLife))
            {
                if (impressions >= options.FatigueThreshold)
                {
                    excluded.Add(itemId);
                }
                else if (impressions > 0)
                {
                    fatigue[itemId] = impressions / options.FatigueThreshold;
                }
            }
        }
        return new ItemExclusions(excluded, fatigue);
    }
}

/// <summary>
/// Impression fatigue read from the recent sequence: impressions since the item's last engagement, each decayed by
/// its age. When the profile carries aggregated fatigue counters, this is the function to replace.
/// </summary>
public static class ImpressionFatigue
{
    public static Dictionary<string, double> Compute(IReadOnlyList<RecentEvent> recent, DateTimeOffset now, TimeSpan halfLife)
    {
        var fatigue = new Dictionary<string, double>(StringComparer.Ordinal);
        // Oldest first: an engagement wipes the impressions before it.
        foreach (var e in recent)
        {
            if (e.Type == EventType.Impression)
            {
                var age = Math.Max((now - e.Timestamp) / halfLife, 0);
                fatigue[e.ItemId] = fatigue.GetValueOrDefault(e.ItemId) + Math.Pow(0.5, age);
            }
            else if (e.Type.IsEngagement())
            {
                fatigue.Remove(e.ItemId);
            }
        }
        return fatigue;
    }
}
