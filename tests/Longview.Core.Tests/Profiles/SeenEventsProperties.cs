using FsCheck;
using FsCheck.Xunit;
using Longview.Core.Profiles;

namespace Longview.Core.Tests.Profiles;

/// <summary>
/// The dedup record against a plain model of what it promises: after any sequence of additions (the aggregator adds
/// only keys it has not seen and that are not beyond the horizon) it holds the newest <c>capacity</c> distinct keys by
/// (ticks, hash), oldest first, answers Contains for exactly those, and survives its stored form unchanged. Small
/// capacities and few distinct ticks make full records, ties and in-place eviction common.
/// </summary>
public sealed class SeenEventsProperties
{
    [Property(MaxTest = 500)]
    public bool Holds_the_newest_distinct_keys_whatever_the_order(PositiveInt capacitySeed, (byte Tick, byte Hash, bool Passive)[] additions)
    {
        var capacity = 1 + (capacitySeed.Get % 6);
        var seen = new SeenEvents();
        var model = new SortedSet<(long Ticks, ulong Hash)>();
        foreach (var (tick, hash, passive) in additions)
        {
            var key = new SeenEvents.SeenKey(tick, hash, passive);
            // As the aggregator: a known hash or a key older than a full record is not added.
            if (seen.Contains(key.Hash) || seen.IsBeyondHorizon(key, capacity))
            {
                continue;
            }
            seen.Add(key, capacity);
            model.Add((key.Ticks, key.Hash));
            while (model.Count > capacity)
            {
                model.Remove(model.Min);
            }
        }

        var stored = SeenEvents.FromRecords(seen.Records);
        var expected = model.Select(k => k.Ticks).ToList();
        return seen.Count == model.Count
            && seen.Times.Select(t => t.UtcTicks).SequenceEqual(expected)
            && stored.Times.Select(t => t.UtcTicks).SequenceEqual(expected)
            && model.All(k => seen.Contains(k.Hash))
            && Enumerable.Range(0, 256).Where(h => !model.Any(k => k.Hash == (ulong)h)).All(h => !seen.Contains((ulong)h));
    }
}
