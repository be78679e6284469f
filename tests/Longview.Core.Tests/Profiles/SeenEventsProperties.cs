using FsCheck;
using FsCheck.Xunit;
using Longview.Core.Profiles;

namespace Longview.Core.Tests.Profiles;

/// <summary>
/// The dedup record against a plain model of what it promises: after any sequence of additions (the aggregator adds
/// only keys it has not seen and that are not beyond the horizon) it holds the newest <c>capacity</c> distinct keys by
/// (ticks, hash), in order, oldest first, answers Contains for exactly those, and survives its stored form unchanged.
/// Small capacities and few distinct ticks make full records, ties and in-place eviction common.
/// </summary>
public sealed class SeenEventsProperties
{
    [Property(MaxTest = 500)]
    public bool Holds_the_newest_distinct_keys_whatever_the_order(PositiveInt capacitySeed, (byte Tick, byte Hash)[] additions)
    {
        var capacity = 1 + (capacitySeed.Get % 6);
        var seen = new SeenEvents();
        var model = new SortedSet<(long Ticks, ulong Hash)>();
        foreach (var (tick, hash) in additions)
        {
            var key = new SeenEvents.SeenKey(tick, hash);
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
        return seen.Count == model.Count && seen.ActivityCount == model.Count && stored.Count == model.Count
            && seen.Times.Select(t => t.UtcTicks).SequenceEqual(expected)
            && seen.ActivityTimes.Select(t => t.UtcTicks).SequenceEqual(expected)
            && stored.Times.Select(t => t.UtcTicks).SequenceEqual(expected)
            && stored.Records.SequenceEqual(seen.Records)
            && model.All(k => seen.Contains(k.Hash) && stored.Contains(k.Hash))
            && Enumerable.Range(0, 256).Where(h => !model.Any(k => k.Hash == (ulong)h)).All(h => !seen.Contains((ulong)h));
    }

    [Property(MaxTest = 300)]
    public bool A_format_2_record_reads_without_its_flagged_impression_entries((byte Tick, byte Hash, bool Passive)[] entries)
    {
        // As format 2 stored them: sorted by (ticks, hash), impressions flagged with bit 62 of the ticks.
        var distinct = entries.DistinctBy(e => (e.Tick, e.Hash)).OrderBy(e => e.Tick).ThenBy(e => e.Hash).ToList();
        var bytes = new byte[distinct.Count * SeenEvents.RecordBytes];
        for (var i = 0; i < distinct.Count; i++)
        {
            var ticks = distinct[i].Passive ? distinct[i].Tick | SeenEvents.SeenKey.PassiveBit : distinct[i].Tick;
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * SeenEvents.RecordBytes), ticks);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan((i * SeenEvents.RecordBytes) + 8), distinct[i].Hash);
        }

        var read = SeenEvents.FromRecords(bytes);

        var activity = distinct.Where(e => !e.Passive).ToList();
        return read.Count == activity.Count
            && read.Times.Select(t => t.UtcTicks).SequenceEqual(activity.Select(e => (long)e.Tick))
            && activity.All(e => read.Contains(e.Hash))
            && distinct.Where(e => e.Passive && activity.All(a => a.Hash != e.Hash)).All(e => !read.Contains(e.Hash));
    }
}
