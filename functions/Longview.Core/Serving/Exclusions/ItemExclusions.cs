using System.Runtime.InteropServices;
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
        // Sized up front: growing these per request (a profile holds up to 200 events and 256 impressions) was most of
        // the exclusions' allocation. Without removals, enumeration order is insertion order whatever the capacity.
        var excluded = new HashSet<string>(requestExclusions.Count + (profile?.Recent.Count ?? 0), StringComparer.Ordinal);
        excluded.UnionWith(requestExclusions);
        if (profile is null)
        {
            return new ItemExclusions(excluded, []);
        }
        foreach (var e in profile.Recent)
        {
            if (options.ConsumedTypes.Contains(e.Type))
            {
                excluded.Add(e.ItemId);
            }
        }
        // The decayed counts become levels in place (a second dictionary was a third of the exclusions' allocation):
        // withheld items leave it (Remove does not invalidate the enumeration), the rest are scaled to 0..1.
        var fatigue = ImpressionFatigue.Compute(profile, now, options.FatigueHalfLife);
        foreach (var (itemId, impressions) in fatigue)
        {
            if (impressions >= options.FatigueThreshold)
            {
                excluded.Add(itemId);
                fatigue.Remove(itemId);
            }
            else
            {
                CollectionsMarshal.GetValueRefOrNullRef(fatigue, itemId) = impressions / options.FatigueThreshold;
            }
        }
        return new ItemExclusions(excluded, fatigue);
    }
}

/// <summary>
/// Decayed impression fatigue: the profile's retained impressions since the item's last engagement (the same rules as
/// <see cref="UserProfile.Fatigue"/>), each weighted 2^(-age / half-life) so old impressions stop counting.
/// </summary>
public static class ImpressionFatigue
{
    public static Dictionary<string, double> Compute(UserProfile profile, DateTimeOffset now, TimeSpan halfLife)
    {
        var lastEngagement = new Dictionary<string, DateTimeOffset>(profile.Recent.Count, StringComparer.Ordinal);
        foreach (var e in profile.Recent)
        {
            if (e.Type.IsEngagement() && (!lastEngagement.TryGetValue(e.ItemId, out var t) || e.Timestamp > t))
            {
                lastEngagement[e.ItemId] = e.Timestamp;
            }
        }
        var fatigue = new Dictionary<string, double>(profile.Impressions.Count, StringComparer.Ordinal);
        // A served list's impressions share one timestamp: its weight is computed once per list, not per item (Math.Pow
        // was about a quarter of the exclusions' samples in a perf profile of Recommend).
        DateTimeOffset? weighedAt = null;
        var weight = 0.0;
        foreach (var impression in profile.Impressions)
        {
            // Before the horizon an engagement may have been evicted from Recent: such impressions are not evidence.
            if (profile.RecentHorizon is { } horizon && impression.Timestamp <= horizon)
            {
                continue;
            }
            if (lastEngagement.TryGetValue(impression.ItemId, out var engaged) && impression.Timestamp <= engaged)
            {
                continue;
            }
            if (impression.Timestamp != weighedAt)
            {
                weighedAt = impression.Timestamp;
                weight = Math.Pow(0.5, Math.Max((now - impression.Timestamp) / halfLife, 0));
            }
            CollectionsMarshal.GetValueRefOrAddDefault(fatigue, impression.ItemId, out _) += weight;
        }
        return fatigue;
    }
}
