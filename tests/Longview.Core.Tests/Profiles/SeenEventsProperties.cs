using FsCheck;
using FsCheck.Xunit;
using Longview.Core.Profiles;

namespace Longview.Core.Tests.Profiles;

/// <summary>
/// The dedup record against a plain model of what it promises: after any sequence of additions (the aggregator adds
/// only keys it has not seen and that are not beyond the horizon) it holds, of each kind (activity, passive), the newest
/// <c>capacity</c> distinct keys by (ticks, hash), all in order, oldest first, answers Contains for exactly those, and
/// survives its stored form unchanged. Small capacities and few distinct ticks make full records, ties and in-place
/// eviction common.
/// </summary>
public sealed class SeenEventsProperties
{
    [Property(MaxTest = 500)]
    public bool Holds_the_newest_distinct_keys_of_each_kind_whatever_the_order(PositiveInt capacitySeed, PositiveInt passiveSeed, (byte Tick, byte Hash, bool Passive)[] additions)
    {
        var capacity = 1 + (capacitySeed.Get % 6);
        var passiveCapacity = 1 + (passiveSeed.Get % 4);
        var seen = new SeenEvents();
        var activity = new SortedSet<(long Ticks, ulong Hash)>();
        var passive = new SortedSet<(long Ticks, ulong Hash)>();
        foreach (var (tick, hash, isPassive) in additions)
        {
            var key = new SeenEvents.SeenKey(tick, hash, isPassive);
            // As the aggregator: a known hash or a key older than a full record of its kind is not added.
            if (seen.Contains(key.Hash) || seen.IsBeyondHorizon(key, capacity, passiveCapacity))
            {
                continue;
            }
            seen.Add(key, capacity, passiveCapacity);
            var (model, bound) = isPassive ? (passive, passiveCapacity) : (activity, capacity);
            model.Add((key.Ticks, key.Hash));
            while (model.Count > bound)
            {
                model.Remove(model.Min);
            }
        }

        var stored = SeenEvents.FromRecords(seen.Records);
        var all = activity.Concat(passive).Order().ToList();
        var expected = all.Select(k => k.Ticks).ToList();
        var expectedActivity = activity.Select(k => k.Ticks).ToList();
        return seen.Count == all.Count
            && seen.ActivityCount == activity.Count && seen.PassiveCount == passive.Count
            && stored.ActivityCount == activity.Count && stored.PassiveCount == passive.Count
            && seen.Times.Select(t => t.UtcTicks).SequenceEqual(expected)
            && seen.ActivityTimes.Select(t => t.UtcTicks).SequenceEqual(expectedActivity)
            && stored.Times.Select(t => t.UtcTicks).SequenceEqual(expected)
            && all.All(k => seen.Contains(k.Hash))
            && Enumerable.Range(0, 256).Where(h => !all.Any(k => k.Hash == (ulong)h)).All(h => !seen.Contains((ulong)h));
    }

    [Property(MaxTest = 200)]
    public bool A_record_over_its_bound_drops_the_oldest_of_the_added_kind_only(PositiveInt activitySeed, PositiveInt passiveSeed, byte newHash)
    {
        // As stored before impressions had their own bound: more passive entries than the bound allows now.
        var activityCount = activitySeed.Get % 5;
        var passiveCount = 3 + (passiveSeed.Get % 8);
        var legacy = new SeenEvents();
        for (var i = 0; i < activityCount + passiveCount; i++)
        {
            legacy.Add(new SeenEvents.SeenKey(10 + i, (ulong)(1000 + i), Passive: i % 2 == 1 || i >= 2 * activityCount), 100, 100);
        }
        var before = legacy.ActivityTimes.ToList();
        var newestPassive = legacy.Times.Except(before).Max().UtcTicks;

        legacy.Add(new SeenEvents.SeenKey(1_000, newHash, Passive: true), 100, 2);

        // What stays of the passive kind is its two newest: the newest stored one and the one just added.
        var passive = legacy.Times.Except(legacy.ActivityTimes).Select(t => t.UtcTicks);
        return legacy.PassiveCount == 2 && legacy.ActivityCount == activityCount
            && legacy.ActivityTimes.SequenceEqual(before) && legacy.Contains(newHash)
            && passive.SequenceEqual([newestPassive, 1_000L]);
    }
}
