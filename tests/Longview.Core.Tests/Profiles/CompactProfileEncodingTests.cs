using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck.Xunit;
using Longview.Core.Events;
using Longview.Core.Profiles;
using Longview.Core.Serialization;

namespace Longview.Core.Tests.Profiles;

[Properties(Arbitrary = [typeof(EventHistories)], MaxTest = 200)]
public sealed class CompactProfileEncodingTests
{
    private static readonly ProfileAggregator Tight = new(new ProfileLimits { MaxRecentEvents = 5, MaxRecentImpressions = 3, MaxSeenEventIds = 2048 });
    private static readonly ProfileAggregator Default = new(new ProfileLimits());

    private static string Json(UserProfile profile) => JsonSerializer.Serialize(profile, LongviewJson.Options);

    [Property]
    public void Decode_of_encode_gives_the_same_public_json_byte_for_byte(EventHistory history)
    {
        foreach (var aggregator in new[] { Default, Tight })
        {
            var profile = EventHistories.Fold(aggregator, history.Events, history);
            var body = CompactProfileEncoding.Encode(profile);

            Assert.True(CompactProfileEncoding.IsCompact(body));
            Assert.Equal(Json(profile), Json(CompactProfileEncoding.Decode(body)));
        }
    }

    [Property]
    public void A_decoded_profile_keeps_folding_like_the_original(EventHistory history)
    {
        // The dedup record and the bounded windows must come back as working state, not only as equal JSON.
        var half = history.Shuffled.Length / 2;
        var reloaded = CompactProfileEncoding.Decode(CompactProfileEncoding.Encode(EventHistories.Fold(Tight, history.Shuffled.Take(half), history)));
        var outcomes = history.WithDuplicates.Select(e => Tight.Apply(reloaded, e, history.CategoriesOf(e))).ToList();

        Assert.Equal(history.Events.Length - half, outcomes.Count(o => o == EventOutcome.Applied));
        Assert.Null(ProfileEquivalence.Difference(EventHistories.Fold(Tight, history.Events, history), reloaded));
    }

    [Property]
    public void A_json_document_stored_before_the_encoding_reads_as_it_did(EventHistory history)
    {
        var profile = EventHistories.Fold(Default, history.Events, history);
        var json = Encoding.UTF8.GetBytes(Json(profile));

        Assert.False(CompactProfileEncoding.IsCompact(json));
        Assert.Equal(Json(profile), Json(CompactProfileEncoding.Decode(json)));
    }

    [Fact]
    public void A_format_1_profile_is_upgraded_as_it_is_read_from_json_or_from_the_compact_form_alike()
    {
        var t = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
        var profile = ProfileAggregator.NewProfile("u1");
        Default.Apply(profile, new UserEvent("e1", "u1", "i1", EventType.Rating, t, 4), []);
        Default.Apply(profile, new UserEvent("e2", "u1", "i2", EventType.Impression, t.AddDays(2)), []);
        // What format 1 stored: no "format" field, the impression's day active and last seen moved by it.
        var node = JsonNode.Parse(Json(profile))!.AsObject();
        node.Remove("format");
        node["lastSeen"] = JsonSerializer.SerializeToNode(t.AddDays(2), LongviewJson.Options);
        var days = new ActiveDays();
        days.Add(DateOnly.FromDateTime(t.UtcDateTime));
        days.Add(DateOnly.FromDateTime(t.AddDays(2).UtcDateTime));
        node["activeDays"] = JsonSerializer.SerializeToNode(days, LongviewJson.Options);
        var format1 = Encoding.UTF8.GetBytes(node.ToJsonString());
        // The same format 1 profile in the compact form (the rest's JSON says format 1).
        var stale = JsonSerializer.Deserialize<UserProfile>(format1, StaleOptions())!;
        Assert.Equal(1, stale.Format);

        var fromJson = CompactProfileEncoding.Decode(format1);
        var fromCompact = CompactProfileEncoding.Decode(CompactProfileEncoding.Encode(stale));

        Assert.Equal(ProfileFormat.Current, fromJson.Format);
        Assert.Equal(t, fromJson.LastSeen);
        Assert.Equal(1, fromJson.ActiveDays.Count);
        Assert.Equal(Json(fromJson), Json(fromCompact));
        Assert.Equal(Json(profile), Json(fromCompact));
    }

    /// <summary>Reads a document without running the format upgrade, to build a format 1 profile in memory.</summary>
    private static JsonSerializerOptions StaleOptions() => new(LongviewJson.Options)
    {
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver
        {
            Modifiers = { info => { if (info.Type == typeof(UserProfile)) { info.OnDeserialized = null; } } },
        },
    };

    [Fact]
    public void Times_with_offsets_values_and_missing_event_ids_come_back_exactly()
    {
        var profile = new UserProfile { UserId = "ü-ser ✓" };
        var t = new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromMinutes(-570)).AddTicks(1234567);
        profile.Recent.Add(new RecentEvent("i-é", t, EventType.Rating, 0.1 + 0.2));
        profile.Recent.Add(new RecentEvent("i2", t.AddTicks(1), EventType.View) { EventId = "evt-1" });
        profile.Impressions.Add(new RecentImpression("i3", t.ToOffset(TimeSpan.FromHours(14)), ulong.MaxValue));

        var back = CompactProfileEncoding.Decode(CompactProfileEncoding.Encode(profile));

        Assert.Equal(Json(profile), Json(back));
        Assert.Equal(t.Offset, back.Recent[0].Timestamp.Offset);
        Assert.Equal(0.1 + 0.2, back.Recent[0].Value);
        Assert.Null(back.Recent[0].EventId);
        Assert.Equal(ulong.MaxValue, back.Impressions[0].EventKey);
    }

    [Fact]
    public void A_truncated_or_damaged_body_is_a_json_exception_never_a_wrong_profile()
    {
        var profile = ProfileAggregator.NewProfile("u1");
        Default.Apply(profile, new UserEvent("e1", "u1", "i1", EventType.Click, DateTimeOffset.UnixEpoch.AddYears(50)), []);
        Default.Apply(profile, new UserEvent("e2", "u1", "i1", EventType.Impression, DateTimeOffset.UnixEpoch.AddYears(50).AddHours(1)), []);
        var body = CompactProfileEncoding.Encode(profile);

        for (var length = CompactProfileEncoding.Magic.Length; length < body.Length; length++)
        {
            Assert.ThrowsAny<JsonException>(() => CompactProfileEncoding.Decode(body.AsSpan(0, length)));
        }
        var longer = body.Append((byte)0).ToArray();
        Assert.ThrowsAny<JsonException>(() => CompactProfileEncoding.Decode(longer));
    }

    /// <summary>
    /// The sequences are written field by field: a property added to them must be added to the encoding too (the rest of
    /// the profile is JSON and follows new properties by itself). This fails until it is.
    /// </summary>
    [Fact]
    public void The_encoding_covers_every_stored_field_of_the_binary_sequences()
    {
        static string[] Stored(Type type) => [.. type.GetProperties().Where(p => p.CanWrite || p.GetSetMethod(nonPublic: true) is not null).Select(p => p.Name).Order()];

        Assert.Equal(["EventId", "ItemId", "Timestamp", "Type", "Value"], Stored(typeof(RecentEvent)));
        Assert.Equal(["EventKey", "ItemId", "Timestamp"], Stored(typeof(RecentImpression)));
    }
}
