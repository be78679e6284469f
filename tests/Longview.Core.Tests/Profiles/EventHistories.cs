using FsCheck;
using FsCheck.Fluent;
using Longview.Core.Events;
using Longview.Core.Profiles;

namespace Longview.Core.Tests.Profiles;

/// <summary>
/// A realistic history of one user: few items (so items repeat), all event types, timestamps spread over six months
/// with a share of them on whole days (so equal timestamps happen), several producer offsets, integral and
/// fractional values. <see cref="Shuffled"/> is the same events in another order; <see cref="WithDuplicates"/> adds
/// exact redeliveries of some of them, shuffled.
/// </summary>
public sealed record EventHistory(UserEvent[] Events, UserEvent[] Shuffled, UserEvent[] WithDuplicates, IReadOnlyDictionary<string, string[]> Categories)
{
    public IReadOnlyList<string> CategoriesOf(UserEvent e) =>
        e.ItemId is { } item && Categories.TryGetValue(item, out var categories) ? categories : [];

    public override string ToString() =>
        $"{Events.Length} events: {string.Join("; ", Events.Select(e => $"{e.EventId} {e.Type.ToWireName()} {e.ItemId} {e.Timestamp:O} {e.Value}"))}";
}

public static class EventHistories
{
    public const string UserId = "u1";

    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] AllCategories = ["drama", "comedy", "news", "sport", "jazz", "kids"];

    public static Arbitrary<EventHistory> History() => Arb.From(HistoryGen(maxEvents: 80));

    public static Gen<EventHistory> HistoryGen(int maxEvents) =>
        from count in Gen.Choose(0, maxEvents)
        from drafts in EventGen().ListOf(count)
        from categories in Gen.SubListOf(AllCategories).Select(c => c.ToArray()).ArrayOf(8)
        let events = drafts.Select((draft, i) => draft with { EventId = $"e{i:D3}" }).ToArray()
        from shuffled in Gen.Shuffle(events)
        from duplicateCount in Gen.Choose(0, count)
        from duplicates in count == 0 ? Gen.Constant(new List<UserEvent>()) : Gen.Elements(events).ListOf(duplicateCount)
        from withDuplicates in Gen.Shuffle(events.Concat(duplicates))
        select new EventHistory(events, shuffled, withDuplicates, categories.Select((c, i) => (Item: $"i{i}", Categories: c)).ToDictionary(x => x.Item, x => x.Categories));

    private static Gen<UserEvent> EventGen() =>
        from type in Gen.Elements(Enum.GetValues<EventType>())
        from item in Gen.Choose(0, 7)
        from onWholeDay in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
        from minutes in Gen.Choose(0, 180 * 24 * 60)
        from offsetMinutes in Gen.Elements(0, 120, -300, 330)
        from raw in Gen.Choose(1, 10)
        from fractional in Gen.Elements(true, false)
        let when = Start.AddMinutes(onWholeDay ? minutes / 1440 * 1440 : minutes).ToOffset(TimeSpan.FromMinutes(offsetMinutes))
        let value = type switch
        {
            EventType.Rating => fractional ? raw * 0.47 : Math.Ceiling(raw / 2.0),
            EventType.View when fractional => raw * 12.3,
            EventType.Purchase => fractional ? raw * 9.99 : raw,
            _ => (double?)null,
        }
        select new UserEvent("", UserId, type == EventType.SessionStart ? null : $"i{item}", type, when, value);

    public static UserProfile Fold(ProfileAggregator aggregator, IEnumerable<UserEvent> events, EventHistory history, List<EventOutcome>? outcomes = null)
    {
        var profile = ProfileAggregator.NewProfile(UserId);
        foreach (var e in events)
        {
            var outcome = aggregator.Apply(profile, e, history.CategoriesOf(e));
            outcomes?.Add(outcome);
        }

        return profile;
    }
}
