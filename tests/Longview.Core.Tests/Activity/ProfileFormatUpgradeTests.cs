using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using Longview.Core.Events;
using Longview.Core.Lifecycle.Engagement;
using Longview.Core.Profiles;
using Longview.Core.Serialization;

namespace Longview.Core.Tests.Activity;

/// <summary>
/// Profiles stored before activity excluded impressions (format 1: no "format" field, impression days marked active,
/// first/last seen moved by impressions, impressions unflagged in the dedup record) stay readable and read as activity
/// only, their dedup record holding activity alone (format 3).
/// </summary>
public sealed class ProfileFormatUpgradeTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static UserEvent Event(string id, EventType type, DateTimeOffset at) =>
        new(id, "u1", type.RequiresItem() ? "i" + id : null, type, at);

    /// <summary>The document the code before format 2 wrote for these events: every event marked a day and moved first/last seen.</summary>
    private static string Format1Json(IReadOnlyList<UserEvent> events, ProfileLimits limits)
    {
        var aggregator = new ProfileAggregator(limits);
        var profile = ProfileAggregator.NewProfile("u1");
        foreach (var e in events)
        {
            aggregator.Apply(profile, e, []);
        }

        var node = JsonNode.Parse(JsonSerializer.Serialize(profile, LongviewJson.Options))!.AsObject();
        node.Remove("format");
        node["firstSeen"] = JsonSerializer.SerializeToNode(events.Min(e => e.Timestamp).ToUniversalTime(), LongviewJson.Options);
        node["lastSeen"] = JsonSerializer.SerializeToNode(events.Max(e => e.Timestamp).ToUniversalTime(), LongviewJson.Options);
        var days = new ActiveDays();
        foreach (var e in events)
        {
            days.Add(DateOnly.FromDateTime(e.Timestamp.UtcDateTime));
        }
        node["activeDays"] = JsonSerializer.SerializeToNode(days, LongviewJson.Options);
        var seen = node["seen"]!.AsObject();
        // Format 1 kept every kind of event in the dedup record, unflagged, under one bound: its newest MaxSeenEventIds entries.
        var remembered = events.Select(e => SeenEvents.KeyOf(e.EventId, e.Timestamp)).Select(k => (k.Ticks, k.Hash)).Order().TakeLast(limits.MaxSeenEventIds).ToList();
        var keys = new byte[remembered.Count * SeenEvents.RecordBytes];
        for (var i = 0; i < remembered.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(keys.AsSpan(i * SeenEvents.RecordBytes), remembered[i].Ticks);
            BinaryPrimitives.WriteUInt64LittleEndian(keys.AsSpan((i * SeenEvents.RecordBytes) + 8), remembered[i].Hash);
        }
        seen["count"] = remembered.Count;
        seen["keys"] = Convert.ToBase64String(keys);
        return node.ToJsonString();
    }

    private static UserProfile Read(string json) => JsonSerializer.Deserialize<UserProfile>(json, LongviewJson.Options)!;

    private static DateOnly Day(DateTimeOffset t) => DateOnly.FromDateTime(t.UtcDateTime);

    [Fact]
    public void A_format_1_profile_with_its_whole_history_remembered_reads_exactly_as_activity_only()
    {
        var events = new[]
        {
            Event("v1", EventType.View, T0),
            Event("imp1", EventType.Impression, T0.AddDays(2)),
            Event("s1", EventType.SessionStart, T0.AddDays(3)),
            Event("imp2", EventType.Impression, T0.AddDays(5)),
            Event("imp3", EventType.Impression, T0.AddDays(5).AddMinutes(10)),
        };
        var old = Format1Json(events, new ProfileLimits());
        Assert.DoesNotContain("\"format\"", old, StringComparison.Ordinal);
        Assert.Contains($"\"last\":\"{Day(T0.AddDays(5)):yyyy-MM-dd}\"", old, StringComparison.Ordinal);

        var profile = Read(old);

        Assert.Equal(ProfileFormat.Current, profile.Format);
        Assert.Equal([Day(T0), Day(T0.AddDays(3))], profile.ActiveDays.Days);
        Assert.Equal(T0, profile.FirstSeen);
        Assert.Equal(T0.AddDays(3), profile.LastSeen);
        Assert.Equal(2, Sessions.Of(profile, TimeSpan.FromMinutes(30)).Count);
        Assert.Equal(3, profile.Counts[EventType.Impression]);
        // The next write stores the current format, which reads back unchanged; the dedup record keeps the activity alone.
        var rewritten = JsonSerializer.Serialize(profile, LongviewJson.Options);
        Assert.Contains($"\"format\":{ProfileFormat.Current}", rewritten, StringComparison.Ordinal);
        Assert.Equal(2, profile.Seen.Count);
        Assert.Equal(rewritten, JsonSerializer.Serialize(Read(rewritten), LongviewJson.Options));
        // And it reads exactly like the profile the current format builds from the same events.
        var aggregator = new ProfileAggregator(new ProfileLimits());
        var fresh = ProfileAggregator.NewProfile("u1");
        foreach (var e in events)
        {
            aggregator.Apply(fresh, e, []);
        }
        Assert.Equal(JsonSerializer.Serialize(fresh, LongviewJson.Options), rewritten);
    }

    [Fact]
    public void A_format_1_profile_of_impressions_only_is_no_user()
    {
        var profile = Read(Format1Json([Event("imp1", EventType.Impression, T0), Event("imp2", EventType.Impression, T0.AddDays(1))], new ProfileLimits()));

        Assert.False(profile.HasActivity);
        Assert.Null(profile.FirstSeen);
        Assert.Null(profile.LastSeen);
        Assert.Empty(Sessions.Of(profile, TimeSpan.FromMinutes(30)));
        Assert.Equal(2, profile.Impressions.Count);
    }

    [Fact]
    public void When_older_events_are_forgotten_only_days_the_record_fully_covers_are_dropped()
    {
        var limits = new ProfileLimits { MaxSeenEventIds = 4 };
        var events = new[]
        {
            Event("v1", EventType.View, T0),
            Event("v2", EventType.View, T0.AddDays(1)),
            Event("imp1", EventType.Impression, T0.AddDays(10)),
            Event("imp2", EventType.Impression, T0.AddDays(11)),
            Event("imp3", EventType.Impression, T0.AddDays(12)),
            Event("imp4", EventType.Impression, T0.AddDays(13)),
        };

        var profile = Read(Format1Json(events, limits));

        // The record remembers days 10-13 (impressions only); day 10 may have held forgotten events, so it stays.
        Assert.Equal([Day(T0), Day(T0.AddDays(1)), Day(T0.AddDays(10))], profile.ActiveDays.Days);
        Assert.Equal(T0, profile.FirstSeen);
        Assert.True(profile.LastSeen <= T0.AddDays(10));
        Assert.True(profile.HasActivity);
    }
}
