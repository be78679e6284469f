using Longview.Core.Events;
using Longview.Api;
using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Api;

/// <summary>POST /api/events end to end on Kestrel with the SQLite store: batch semantics, duplicates, out-of-order delivery.</summary>
public sealed class EventsEndpointTests
{
    private const string T0 = "2025-03-01T10:00:00Z";

    private static string Event(string id, string user, string? item, string type, string timestamp, double? value = null) =>
        "{" + $"\"eventId\":\"{id}\",\"userId\":\"{user}\"" + (item is null ? "" : $",\"itemId\":\"{item}\"") +
        $",\"type\":\"{type}\",\"timestamp\":\"{timestamp}\"" + (value is null ? "" : $",\"value\":{value}") + "}";

    [Fact]
    public async Task A_mixed_batch_applies_the_good_events_and_names_each_bad_one()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);
        var body = "[" + string.Join(",",
            Event("e1", "alice", "i1", "view", "2025-03-01T12:00:00Z"),
            Event("e-bad-type", "alice", "i1", "hover", "2025-03-01T12:00:00Z"),
            Event("e2", "alice", "i1", "click", "2025-03-01T11:00:00Z"),
            Event("e-no-item", "alice", null, "view", "2025-03-01T12:00:00Z"),
            Event("e1", "alice", "i1", "view", "2025-03-01T12:00:00Z"),
            Event("e3", "bob", "i2", "rating", T0, 4),
            Event("e-no-value", "bob", "i2", "rating", T0),
            "42") + "]";

        var response = await app.Client.PostEventsAsync(body);

        Assert.Equal(3, response.Accepted);
        Assert.Equal(1, response.Duplicates);
        Assert.Equal(
            [
                new RejectedEntry(1, "e-bad-type", "type", $"'hover' is not a known event type; allowed: {string.Join(", ", EventTypes.All)}"),
                new RejectedEntry(3, "e-no-item", "itemId", "is required for 'view' events (only session_start may omit it)"),
                new RejectedEntry(6, "e-no-value", "value", "is required for rating events (the rating)"),
                new RejectedEntry(7, null, "$", "an event must be a JSON object, not a number"),
            ],
            response.Rejected);
        var alice = await app.Client.GetProfileAsync("alice");
        Assert.Equal(1, alice.Events["view"]);
        Assert.Equal(1, alice.Events["click"]);
        Assert.Equal(2, alice.Events.Values.Sum());
        Assert.Equal(DateTimeOffset.Parse("2025-03-01T11:00:00Z"), alice.FirstSeen);
        Assert.Equal(DateTimeOffset.Parse("2025-03-01T12:00:00Z"), alice.LastSeen);
        Assert.Equal(["view", "click"], alice.Recent.Select(r => r.Type));
        var bob = await app.Client.GetProfileAsync("bob");
        Assert.Equal(1, bob.Ratings.Count);
        Assert.Equal(4.0, bob.Ratings.Mean);
    }

    [Fact]
    public async Task Redelivered_events_change_nothing_and_late_events_still_count()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);
        await app.Client.PostEventsAsync("[" + Event("e1", "carol", "i1", "view", "2025-03-02T12:00:00Z") + "," + Event("e2", "carol", "i2", "click", "2025-03-02T13:00:00Z") + "]");
        var before = await app.Client.GetProfileJsonAsync("carol");

        var again = await app.Client.PostEventsAsync(
            Event("e2", "carol", "i2", "click", "2025-03-02T13:00:00Z") + "\n" + Event("e1", "carol", "i1", "view", "2025-03-02T12:00:00Z") + "\n",
            "application/x-ndjson");

        Assert.Equal((0, 2), (again.Accepted, again.Duplicates));
        Assert.Empty(again.Rejected);
        Assert.Equal(before, await app.Client.GetProfileJsonAsync("carol"));

        // A session that started before everything seen so far arrives last.
        var late = await app.Client.PostEventsAsync(Event("e0", "carol", null, "session_start", "2025-02-27T08:00:00Z"));

        Assert.Equal((1, 0), (late.Accepted, late.Duplicates));
        Assert.Empty(late.Rejected);
        var carol = await app.Client.GetProfileAsync("carol");
        Assert.Equal(DateTimeOffset.Parse("2025-02-27T08:00:00Z"), carol.FirstSeen);
        Assert.Equal(1, carol.Activity.SessionStarts);
        Assert.Equal(2, carol.Activity.ActiveDays);
    }

    [Fact]
    public async Task Delivery_order_does_not_change_the_profile()
    {
        var events = new[]
        {
            Event("o1", "dan", null, "session_start", "2025-03-01T09:00:00Z"),
            Event("o2", "dan", "i1", "impression", "2025-03-01T09:00:05Z"),
            Event("o3", "dan", "i1", "view", "2025-03-01T09:00:30Z", 42),
            Event("o4", "dan", "i1", "click", "2025-03-01T09:01:00Z"),
            Event("o5", "dan", "i2", "purchase", "2025-03-04T20:00:00Z"),
            Event("o6", "dan", "i2", "rating", "2025-03-05T20:00:00Z", 5),
        };
        string inOrder, shuffled;
        using (var folder = new TempFolder())
        await using (var app = await RunningApp.StartAsync(folder.Path))
        {
            await app.Client.PostEventsAsync("[" + string.Join(",", events) + "]");
            inOrder = await app.Client.GetProfileJsonAsync("dan");
        }
        using (var folder = new TempFolder())
        await using (var app = await RunningApp.StartAsync(folder.Path))
        {
            // Reversed, split over three requests, with a redelivery in the middle.
            await app.Client.PostEventsAsync("[" + events[5] + "," + events[4] + "]");
            await app.Client.PostEventsAsync("[" + events[3] + "," + events[5] + "," + events[2] + "]");
            await app.Client.PostEventsAsync("[" + events[1] + "," + events[0] + "]");
            shuffled = await app.Client.GetProfileJsonAsync("dan");
        }

        Assert.Equal(inOrder, shuffled);
    }
}
