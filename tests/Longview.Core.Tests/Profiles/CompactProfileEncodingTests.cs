using System.Buffers;
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
    // The impressions window is the impressions' dedup horizon: it holds a history's impressions, as folding in any order requires.
    private static readonly ProfileAggregator Tight = new(new ProfileLimits { MaxRecentEvents = 5, MaxRecentImpressions = 40, MaxSeenEventIds = 2048 });
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

    /// <summary>
    /// A string is its UTF-8 byte length as a varint, then the bytes, whichever path wrote it: strings up to 42 UTF-16
    /// units are written in one pass with a one-byte prefix, longer ones counted first. Lengths around that bound, in
    /// one-, two-, three- and four-byte characters (a surrogate pair is two units), and FsCheck's own strings.
    /// </summary>
    [Property(MaxTest = 500)]
    public void A_string_is_its_utf8_length_then_its_utf8_bytes(FsCheck.NonNull<string> generated, byte repeat, byte alphabet)
    {
        var unit = (alphabet % 4) switch { 0 => "a", 1 => "é", 2 => "€", _ => "😀" };
        foreach (var value in new[] { generated.Get, string.Concat(Enumerable.Repeat(unit, repeat % 70)) })
        {
            var utf8 = Encoding.UTF8.GetBytes(value);
            var expected = new ArrayBufferWriter<byte>();
            CompactWriter.Varint(expected, utf8.Length);
            expected.Write(utf8);
            var written = new ArrayBufferWriter<byte>();

            CompactWriter.String(written, value);

            Assert.Equal(expected.WrittenSpan.ToArray(), written.WrittenSpan.ToArray());
        }
    }

    [Fact]
    public void Times_with_offsets_values_and_event_keys_come_back_exactly()
    {
        var profile = new UserProfile { UserId = "ü-ser ✓" };
        var t = new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromMinutes(-570)).AddTicks(1234567);
        profile.Recent.Add(new RecentEvent("i-é", t, EventType.Rating, 0.1 + 0.2));
        profile.Recent.Add(new RecentEvent("i2", t.AddTicks(1), EventType.View) { EventKey = ulong.MaxValue - 1 });
        profile.Impressions.Add(new RecentImpression("i3", t.ToOffset(TimeSpan.FromHours(14)), ulong.MaxValue));

        var back = CompactProfileEncoding.Decode(CompactProfileEncoding.Encode(profile));

        Assert.Equal(Json(profile), Json(back));
        Assert.Equal(t.Offset, back.Recent[0].Timestamp.Offset);
        Assert.Equal(0.1 + 0.2, back.Recent[0].Value);
        Assert.Equal((0UL, ulong.MaxValue - 1), (back.Recent[0].EventKey, back.Recent[1].EventKey));
        Assert.Equal(ulong.MaxValue, back.Impressions[0].EventKey);
    }

    /// <summary>
    /// A body of version 2 (format 3), built here with the layout that version wrote: recent events carried their
    /// eventId string (flag 2) and events of equal time were ordered by it. It reads with each id's hash as its key,
    /// in format 4's order (equal times by item id), and is written again in the current version.
    /// </summary>
    [Fact]
    public void A_version_2_body_reads_its_event_ids_as_keys_in_the_current_order()
    {
        var t = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
        var old = new UserProfile { UserId = "u1", Format = 3 };
        var rest = new ArrayBufferWriter<byte>();
        CompactProfileRest.Write(rest, old);
        var body = new ArrayBufferWriter<byte>();
        body.Write<byte>([0x00, (byte)'L', (byte)'P', 2]);
        CompactWriter.Varint(body, rest.WrittenCount);
        body.Write(rest.WrittenSpan);
        // Version 2's order: equal times by eventId, so item "b" (id "a-1") came before item "a" (id "z-2").
        (string Item, string EventId, DateTimeOffset At)[] recent = [("c", "m-0", t.AddSeconds(-1)), ("b", "a-1", t), ("a", "z-2", t)];
        CompactWriter.Varint(body, recent.Length);
        foreach (var (item, eventId, at) in recent)
        {
            CompactWriter.String(body, item);
            CompactWriter.Time(body, at);
            body.Write<byte>([(byte)EventType.View, 2]);
            CompactWriter.String(body, eventId);
        }
        CompactWriter.Varint(body, 0); // impressions
        CompactWriter.Varint(body, 0); // dedup record

        var profile = CompactProfileEncoding.Decode(body.WrittenSpan);

        static ulong Key(string eventId) => System.IO.Hashing.XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(eventId));
        Assert.Equal([("c", Key("m-0")), ("a", Key("z-2")), ("b", Key("a-1"))], profile.Recent.Select(e => (e.ItemId, e.EventKey)));
        Assert.Equal(ProfileFormat.Current, profile.Format);
        var rewritten = CompactProfileEncoding.Encode(profile);
        Assert.Equal(CompactProfileEncoding.Magic.ToArray(), rewritten[..4]);
        Assert.Equal(Json(profile), Json(CompactProfileEncoding.Decode(rewritten)));
    }

    /// <summary>A format 3 document (Cosmos stores the JSON) reads the same way: keys from the ids, format 4's order.</summary>
    [Fact]
    public void A_format_3_document_reads_its_event_ids_as_keys_in_the_current_order()
    {
        const string document = """
            {"userId":"u1","format":3,"counts":{"view":2},"recent":[
              {"itemId":"b","timestamp":"2025-03-01T08:00:00+00:00","type":"view","eventId":"a-1"},
              {"itemId":"a","timestamp":"2025-03-01T08:00:00+00:00","type":"view","eventId":"z-2"}],
             "impressions":[],"activeDays":{"count":0,"deltas":""},"affinities":{},"ratings":{"count":0,"sum":0,"sumOfSquares":0},"seen":{"count":0,"keys":""}}
            """;

        var profile = CompactProfileEncoding.Decode(Encoding.UTF8.GetBytes(document));

        Assert.Equal(["a", "b"], profile.Recent.Select(e => e.ItemId));
        Assert.Equal(System.IO.Hashing.XxHash64.HashToUInt64("z-2"u8), profile.Recent[0].EventKey);
        Assert.Contains("\"eventKey\":\"" + profile.Recent[0].EventKey.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"", Json(profile), StringComparison.Ordinal);
        Assert.DoesNotContain("eventId", Json(profile), StringComparison.Ordinal);
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
    /// Any bytes after either version's marker (a damaged row) decode to a profile or end in a <see cref="JsonException"/>,
    /// never in another exception: stores report a bad body by that exception, naming the user.
    /// </summary>
    [Property(MaxTest = 2_000)]
    public void Damaged_bytes_after_the_marker_are_a_json_exception_or_a_profile(byte[] bytes, bool version1, EventHistory history)
    {
        var valid = CompactProfileEncoding.Encode(EventHistories.Fold(Tight, history.Events, history));
        // Half from nothing, half from a valid body with some bytes overwritten, which gets further into the sections.
        var body = bytes.Length % 2 == 0
            ? [.. CompactProfileEncoding.Magic[..3], version1 ? (byte)1 : (byte)2, .. bytes]
            : Damaged(valid, bytes);
        try
        {
            CompactProfileEncoding.Decode(body);
        }
        catch (JsonException)
        {
        }
    }

    /// <summary>The body with its bytes after the marker overwritten, one every <c>n</c> for <c>n</c> = the damage's length.</summary>
    private static byte[] Damaged(byte[] body, byte[] damage)
    {
        var copy = body.ToArray();
        for (var k = 0; k < damage.Length && 4 + (k * damage.Length) < copy.Length; k++)
        {
            copy[4 + (k * damage.Length)] = damage[k];
        }
        return copy;
    }

    /// <summary>
    /// The sequences are written field by field: a property added to them must be added to the encoding too. This fails
    /// until it is.
    /// </summary>
    [Fact]
    public void The_encoding_covers_every_stored_field_of_the_binary_sequences()
    {
        static string[] Stored(Type type) => [.. type.GetProperties().Where(p => p.CanWrite || p.GetSetMethod(nonPublic: true) is not null).Select(p => p.Name).Order()];

        Assert.Equal(["EventKey", "ItemId", "Timestamp", "Type", "Value"], Stored(typeof(RecentEvent)));
        Assert.Equal(["EventKey", "ItemId", "Timestamp"], Stored(typeof(RecentImpression)));
    }

    /// <summary>
    /// The rest of the profile is written field by field too (version 2): every property the profile's JSON reads must be
    /// stored by <see cref="CompactProfileRest"/> or be one of the three sequences. A property added to the profile (or to
    /// the statistics it holds) fails this until the encoding stores it.
    /// </summary>
    [Fact]
    public void The_encoding_covers_every_property_the_profile_json_reads()
    {
        static string[] Read(Type type) => [.. LongviewJson.Options.GetTypeInfo(type).Properties.Where(p => p.Set is not null).Select(p => p.Name).Order()];

        Assert.Equal([.. CompactProfileRest.Properties.Concat(["recent", "impressions", "seen"]).Order()], Read(typeof(UserProfile)));
        Assert.Equal(["count", "max", "min", "sum", "sumOfSquares"], Read(typeof(RatingStats)));
        Assert.Equal(["count", "days", "first", "firstDayTotal", "last", "total", "valued"], Read(typeof(PurchaseStats)));
        Assert.Equal(["log2Negative", "log2Positive"], Read(typeof(CategoryAffinity)));
    }

    /// <summary>
    /// Bodies written by version 1 (the rest of the profile as JSON), captured from that encoder with the public JSON it
    /// decoded to: a rating, click, dislike, valued and unvalued purchases, a session and an impression; a profile started
    /// after an erasure; a profile of impressions only. They read as they did but in the current profile format (3: the
    /// impression entries their dedup records flagged are dropped, the impressions window keeps those hashes; 4: each
    /// recent event's eventId becomes its 64-bit hash, <see cref="InFormat4"/>), and are written in the current version.
    /// </summary>
    public static TheoryData<string, string> Version1Bodies() => new()
    {
        { "AExQAeYGeyJ1c2VySWQiOiJ1c2VyLVx1MDBFNC8xIiwiZm9ybWF0IjoyLCJmaXJzdFNlZW4iOiIyMDI1LTAzLTAxVDA4OjAwOjAwKzAwOjAwIiwibGFzdFNlZW4iOiIyMDI1LTAzLTEyVDA4OjAwOjAwKzAwOjAwIiwiY291bnRzIjp7ImNsaWNrIjoxLCJwdXJjaGFzZSI6MiwicmF0aW5nIjoyLCJkaXNsaWtlIjoxLCJpbXByZXNzaW9uIjoxLCJzZXNzaW9uX3N0YXJ0IjoxfSwiYWN0aXZlRGF5cyI6eyJjb3VudCI6NSwiZmlyc3QiOiIyMDI1LTAzLTAxIiwibGFzdCI6IjIwMjUtMDMtMTIiLCJkZWx0YXMiOiI3bzh0QVFFSEFnPT0ifSwiYWZmaW5pdGllcyI6eyJDb21lZHkiOnsibG9nMlBvc2l0aXZlIjozMDcuMzgxOTQ0NDQ0NDQ0NDYsImxvZzJOZWdhdGl2ZSI6MzA3Ljk5NjA3MzYxMTgzMjIzfSwiRHJhbWEiOnsibG9nMlBvc2l0aXZlIjozMTAuMjI0OTkyMjc5MTEyNCwibG9nMk5lZ2F0aXZlIjozMDcuNzQ0NDQ0NDQ0NDQ0NDd9LCJSb21hbmNlIjp7ImxvZzJQb3NpdGl2ZSI6MzA3LjM4MTk0NDQ0NDQ0NDQ2LCJsb2cyTmVnYXRpdmUiOjMwNy45OTYwNzM2MTE4MzIyM319LCJyYXRpbmdzIjp7ImNvdW50IjoyLCJzdW0iOjYuNSwic3VtT2ZTcXVhcmVzIjoyNC4yNSwibWluIjoyLCJtYXgiOjQuNSwibWVhbiI6My4yNSwidmFyaWFuY2UiOjEuNTYyNX0sInB1cmNoYXNlcyI6eyJjb3VudCI6MiwidG90YWwiOjE5Ljk5LCJ2YWx1ZWQiOjEsImZpcnN0IjoiMjAyNS0wMy0wM1QwODowMDowMCswMDowMCIsImZpcnN0RGF5VG90YWwiOjE5Ljk5LCJsYXN0IjoiMjAyNS0wMy0xMFQwODowMDowMCswMDowMCIsImRheXMiOnsiY291bnQiOjIsImZpcnN0IjoiMjAyNS0wMy0wMyIsImxhc3QiOiIyMDI1LTAzLTEwIiwiZGVsdGFzIjoiOEk4dEJ3PT0ifX19BgJpMQDAsxCXWN0IAAADAwAAAAAAABJAAmUxAmkyAPgANrBY3QgAAAECAmUyAmkzAIAdO2BZ3QgAAAUCAmUzAmk0AECHZSla3QgAAAIDPQrXo3D9M0ACZTQCaTUAgGuOqV/dCAAAAgICZTUCaTEAAD/jO2HdCAAAAwMAAAAAAAAAQAJlOAECaTYAQNW4cmDdCAAA1Zwu/5HdfqQIAMCzEJdY3Qj3mTa7Prs1BQD4ADawWN0ImXXO/IUgi08AgB07YFndCOGPyVy4/mauAECHZSla3Qj6lWLk9rZRjwCAa46pX90I1LvxViGHzooAxi6yqV/dCP5HI07Lb7x3AEDVuHJg3UjVnC7/kd1+pAAAP+M7Yd0IrBUue5eC3Pg=", "{\"userId\":\"user-\\u00E4/1\",\"format\":3,\"firstSeen\":\"2025-03-01T08:00:00+00:00\",\"lastSeen\":\"2025-03-12T08:00:00+00:00\",\"counts\":{\"click\":1,\"purchase\":2,\"rating\":2,\"dislike\":1,\"impression\":1,\"session_start\":1},\"recent\":[{\"itemId\":\"i1\",\"timestamp\":\"2025-03-01T08:00:00+00:00\",\"type\":\"rating\",\"value\":4.5,\"eventId\":\"e1\"},{\"itemId\":\"i2\",\"timestamp\":\"2025-03-01T11:00:00+00:00\",\"type\":\"click\",\"eventId\":\"e2\"},{\"itemId\":\"i3\",\"timestamp\":\"2025-03-02T08:00:00+00:00\",\"type\":\"dislike\",\"eventId\":\"e3\"},{\"itemId\":\"i4\",\"timestamp\":\"2025-03-03T08:00:00+00:00\",\"type\":\"purchase\",\"value\":19.99,\"eventId\":\"e4\"},{\"itemId\":\"i5\",\"timestamp\":\"2025-03-10T08:00:00+00:00\",\"type\":\"purchase\",\"eventId\":\"e5\"},{\"itemId\":\"i1\",\"timestamp\":\"2025-03-12T08:00:00+00:00\",\"type\":\"rating\",\"value\":2,\"eventId\":\"e8\"}],\"impressions\":[{\"itemId\":\"i6\",\"timestamp\":\"2025-03-11T08:00:00+00:00\",\"eventKey\":\"11853154888406965461\"}],\"activeDays\":{\"count\":5,\"first\":\"2025-03-01\",\"last\":\"2025-03-12\",\"deltas\":\"7o8tAQEHAg==\"},\"affinities\":{\"Comedy\":{\"log2Positive\":307.38194444444446,\"log2Negative\":307.99607361183223},\"Drama\":{\"log2Positive\":310.2249922791124,\"log2Negative\":307.74444444444447},\"Romance\":{\"log2Positive\":307.38194444444446,\"log2Negative\":307.99607361183223}},\"ratings\":{\"count\":2,\"sum\":6.5,\"sumOfSquares\":24.25,\"min\":2,\"max\":4.5,\"mean\":3.25,\"variance\":1.5625},\"purchases\":{\"count\":2,\"total\":19.99,\"valued\":1,\"first\":\"2025-03-03T08:00:00+00:00\",\"firstDayTotal\":19.99,\"last\":\"2025-03-10T08:00:00+00:00\",\"days\":{\"count\":2,\"first\":\"2025-03-03\",\"last\":\"2025-03-10\",\"deltas\":\"8I8tBw==\"}},\"seen\":{\"count\":7,\"oldest\":\"2025-03-01T08:00:00+00:00\",\"keys\":\"AMCzEJdY3Qj3mTa7Prs1BQD4ADawWN0ImXXO/IUgi08AgB07YFndCOGPyVy4/mauAECHZSla3Qj6lWLk9rZRjwCAa46pX90I1LvxViGHzooAxi6yqV/dCP5HI07Lb7x3AAA/4zth3QisFS57l4Lc+A==\"}}" },
        { "AExQAd8CeyJ1c2VySWQiOiJ1MiIsImZvcm1hdCI6MiwiZmlyc3RTZWVuIjoiMjAyNS0wMy0wMlQwODowMDowMCswMDowMCIsImxhc3RTZWVuIjoiMjAyNS0wMy0wMlQwODowMDowMCswMDowMCIsImVyYXNlZEF0IjoiMjAyNS0wMy0wMVQwODowMDowMCswMDowMCIsImNvdW50cyI6eyJ2aWV3IjoxfSwiYWN0aXZlRGF5cyI6eyJjb3VudCI6MSwiZmlyc3QiOiIyMDI1LTAzLTAyIiwibGFzdCI6IjIwMjUtMDMtMDIiLCJkZWx0YXMiOiI3NDh0In0sImFmZmluaXRpZXMiOnsiRHJhbWEiOnsibG9nMlBvc2l0aXZlIjozMDYuNDExMTExMTExMTExMX19LCJyYXRpbmdzIjp7ImNvdW50IjowLCJzdW0iOjAsInN1bU9mU3F1YXJlcyI6MH19AQJpOQCAHTtgWd0IAAAAAgJlOQABAIAdO2BZ3QjmMG/yHTH1BA==", "{\"userId\":\"u2\",\"format\":3,\"firstSeen\":\"2025-03-02T08:00:00+00:00\",\"lastSeen\":\"2025-03-02T08:00:00+00:00\",\"erasedAt\":\"2025-03-01T08:00:00+00:00\",\"counts\":{\"view\":1},\"recent\":[{\"itemId\":\"i9\",\"timestamp\":\"2025-03-02T08:00:00+00:00\",\"type\":\"view\",\"eventId\":\"e9\"}],\"impressions\":[],\"activeDays\":{\"count\":1,\"first\":\"2025-03-02\",\"last\":\"2025-03-02\",\"deltas\":\"748t\"},\"affinities\":{\"Drama\":{\"log2Positive\":306.4111111111111}},\"ratings\":{\"count\":0,\"sum\":0,\"sumOfSquares\":0},\"seen\":{\"count\":1,\"oldest\":\"2025-03-02T08:00:00+00:00\",\"keys\":\"AIAdO2BZ3QjmMG/yHTH1BA==\"}}" },
        { "AExQAZgBeyJ1c2VySWQiOiJ1MyIsImZvcm1hdCI6MiwiY291bnRzIjp7ImltcHJlc3Npb24iOjF9LCJhY3RpdmVEYXlzIjp7ImNvdW50IjowLCJkZWx0YXMiOiIifSwiYWZmaW5pdGllcyI6e30sInJhdGluZ3MiOnsiY291bnQiOjAsInN1bSI6MCwic3VtT2ZTcXVhcmVzIjowfX0AAQJpMQDAsxCXWN0IAAB+19kUzb3vBQEAwLMQl1jdSH7X2RTNve8F", "{\"userId\":\"u3\",\"format\":3,\"counts\":{\"impression\":1},\"recent\":[],\"impressions\":[{\"itemId\":\"i1\",\"timestamp\":\"2025-03-01T08:00:00+00:00\",\"eventKey\":\"427769178139252606\"}],\"activeDays\":{\"count\":0,\"deltas\":\"\"},\"affinities\":{},\"ratings\":{\"count\":0,\"sum\":0,\"sumOfSquares\":0},\"seen\":{\"count\":0,\"keys\":\"\"}}" },
    };

    [Theory]
    [MemberData(nameof(Version1Bodies))]
    public void A_body_stored_by_version_1_reads_as_it_did_and_is_rewritten_in_the_current_version(string base64, string json)
    {
        var stored = Convert.FromBase64String(base64);
        Assert.True(CompactProfileEncoding.IsCompact(stored));
        Assert.Equal(1, stored[3]);

        var profile = CompactProfileEncoding.Decode(stored);
        var rewritten = CompactProfileEncoding.Encode(profile);

        Assert.Equal(InFormat4(json), Json(profile));
        Assert.Equal(CompactProfileEncoding.Magic.ToArray(), rewritten[..4]);
        Assert.Equal(InFormat4(json), Json(CompactProfileEncoding.Decode(rewritten)));
    }

    /// <summary>
    /// The public JSON of format 3 as format 4 writes it: <c>"format":4</c>, and each recent event's
    /// <c>"eventId":"x"</c> as <c>"eventKey"</c>: the XxHash64 of x's UTF-8 bytes (computed here, not by the code under
    /// test), in decimal digits as every key is written (<see cref="EventKeyJson"/>).
    /// </summary>
    private static string InFormat4(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json.Replace("\"format\":3,", "\"format\":4,"), "\"eventId\":\"([^\"]*)\"",
            m => "\"eventKey\":\"" + System.IO.Hashing.XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(m.Groups[1].Value)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"");
}
