using System.Text;
using System.Text.Json.Nodes;
using Longview.Core.Events;
using Longview.Core.Tests.Support;

namespace Longview.Core.Tests.Events;

public sealed class EventBatchReaderTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static EventBatchReader Reader(EventLimits? limits = null) => new(limits ?? new EventLimits(), new FixedTimeProvider(Now));

    private static JsonObject Valid() => new()
    {
        ["eventId"] = "e1",
        ["userId"] = "u1",
        ["itemId"] = "i1",
        ["type"] = "rating",
        ["timestamp"] = "2025-05-01T10:00:00+02:00",
        ["value"] = 4.5,
        ["recommendationId"] = "r1",
        ["context"] = new JsonObject { ["page"] = "home" },
    };

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Reads_every_field_of_a_valid_event()
    {
        var read = Reader().Read(Bytes(Valid().ToJsonString()));

        Assert.Null(read.Failure);
        Assert.Empty(read.Errors);
        var e = Assert.Single(read.Values).Value;
        Assert.Equal(new UserEvent("e1", "u1", "i1", EventType.Rating, new DateTimeOffset(2025, 5, 1, 10, 0, 0, TimeSpan.FromHours(2)), 4.5, "r1", e.Context), e);
        Assert.Equal("home", e.Context!["page"]);
        Assert.Equal(TimeSpan.FromHours(2), e.Timestamp.Offset);
    }

    [Fact]
    public void Reads_one_pretty_printed_object_spread_over_many_lines()
    {
        var read = Reader().Read(Bytes(Valid().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })));

        Assert.Null(read.Failure);
        Assert.Equal("e1", Assert.Single(read.Values).Value.EventId);
    }

    [Fact]
    public void Reads_an_array_with_indices_in_order()
    {
        var events = new JsonArray();
        for (var i = 0; i < 3; i++)
        {
            var e = Valid();
            e["eventId"] = $"e{i}";
            events.Add(e);
        }

        var read = Reader().Read(Bytes(events.ToJsonString()));

        Assert.Equal([0, 1, 2], read.Values.Select(v => v.Index));
        Assert.Equal(["e0", "e1", "e2"], read.Values.Select(v => v.Value.EventId));
    }

    [Fact]
    public void Ndjson_with_a_bad_middle_line_rejects_only_that_line()
    {
        var first = Valid();
        var third = Valid();
        third["eventId"] = "e3";
        var body = $"{first.ToJsonString()}\r\n{{\"eventId\": \"e2\", \"userId\": \n\n{third.ToJsonString()}\n";

        var read = Reader().Read(Bytes(body));

        Assert.Null(read.Failure);
        Assert.Equal([0, 2], read.Values.Select(v => v.Index));
        var error = Assert.Single(read.Errors);
        Assert.Equal(1, error.Index);
        Assert.Equal("$", error.Field);
        Assert.Contains("malformed JSON", error.Reason);
    }

    [Fact]
    public void Ndjson_whose_first_line_is_broken_still_reads_the_others()
    {
        var body = "{\"eventId\": \"e0\",\n" + Valid().ToJsonString();

        var read = Reader().Read(Bytes(body));

        Assert.Null(read.Failure);
        Assert.Equal(1, Assert.Single(read.Values).Index);
        Assert.Equal(0, Assert.Single(read.Errors).Index);
    }

    [Fact]
    public void Array_with_a_non_object_element_rejects_that_element()
    {
        var body = $"[{Valid().ToJsonString()}, 42, \"x\"]";

        var read = Reader().Read(Bytes(body));

        Assert.Single(read.Values);
        Assert.Collection(read.Errors,
            e => { Assert.Equal(1, e.Index); Assert.Equal("$", e.Field); Assert.Contains("must be a JSON object", e.Reason); Assert.Null(e.EventId); },
            e => { Assert.Equal(2, e.Index); Assert.Equal("$", e.Field); });
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    [InlineData("hello world")]
    [InlineData("[{\"eventId\":\"e1\"},")]
    [InlineData("[{\"eventId\":\"e1\"}] trailing")]
    [InlineData("42")]
    [InlineData("{\n  \"eventId\": \"e1\",\n  \"userId\": ")]
    public void Unreadable_bodies_are_refused_as_a_whole_with_400(string body)
    {
        var read = Reader().Read(Bytes(body));

        Assert.NotNull(read.Failure);
        Assert.Equal(400, read.Failure!.Status);
        Assert.Empty(read.Values);
    }

    [Fact]
    public void A_body_over_the_byte_limit_is_refused_with_413()
    {
        var read = Reader(new EventLimits { MaxBodyBytes = 100 }).Read(new byte[101]);

        Assert.Equal(413, read.Failure!.Status);
        Assert.Contains("101", read.Failure.Detail);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void More_events_than_the_batch_limit_are_refused_with_413(bool asArray)
    {
        var events = Enumerable.Range(0, 4).Select(_ => Valid().ToJsonString()).ToList();
        var body = asArray ? $"[{string.Join(',', events)}]" : string.Join('\n', events);

        var atLimit = Reader(new EventLimits { MaxEventsPerBatch = 4 }).Read(Bytes(body));
        var overLimit = Reader(new EventLimits { MaxEventsPerBatch = 3 }).Read(Bytes(body));

        Assert.Null(atLimit.Failure);
        Assert.Equal(4, atLimit.Values.Count);
        Assert.Equal(413, overLimit.Failure!.Status);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var e = Valid();
        e["somethingNew"] = new JsonObject { ["nested"] = new JsonArray(1, 2) };

        Assert.Single(Reader().Read(Bytes(e.ToJsonString())).Values);
    }

    [Fact]
    public void Session_start_needs_no_item()
    {
        var e = Valid();
        e.Remove("itemId");
        e["type"] = "session_start";
        e.Remove("value");

        var read = Reader().Read(Bytes(e.ToJsonString()));

        Assert.Null(Assert.Single(read.Values).Value.ItemId);
    }

    [Fact]
    public void A_timestamp_within_the_future_skew_is_accepted()
    {
        var e = Valid();
        e["timestamp"] = Now.AddMinutes(4).ToString("O");

        Assert.Single(Reader().Read(Bytes(e.ToJsonString())).Values);
    }

    public static TheoryData<string, Action<JsonObject>, string, string> Violations() => new()
    {
        { "missing eventId", e => e.Remove("eventId"), "eventId", "is required" },
        { "empty eventId", e => e["eventId"] = "", "eventId", "must not be empty" },
        { "long eventId", e => e["eventId"] = new string('a', 129), "eventId", "at most 128" },
        { "control char eventId", e => e["eventId"] = "e\u0001", "eventId", "control characters" },
        { "numeric userId", e => e["userId"] = 7, "userId", "must be a string, not a number" },
        { "missing userId", e => e.Remove("userId"), "userId", "is required" },
        { "long userId", e => e["userId"] = new string('u', 129), "userId", "at most 128" },
        { "missing itemId", e => e.Remove("itemId"), "itemId", "is required for 'rating' events" },
        { "long itemId", e => e["itemId"] = new string('i', 129), "itemId", "at most 128" },
        { "unknown type", e => e["type"] = "watch", "type", "'watch' is not a known event type; allowed: view, click, purchase, rating, like, dislike, share, impression, session_start" },
        { "missing type", e => e.Remove("type"), "type", "is required" },
        { "timestamp without offset", e => e["timestamp"] = "2024-01-01T00:00:00", "timestamp", "explicit offset" },
        { "garbage timestamp", e => e["timestamp"] = "yesterday", "timestamp", "explicit offset" },
        { "invalid timestamp", e => e["timestamp"] = "2024-13-01T00:00:00Z", "timestamp", "not a valid ISO-8601" },
        { "numeric timestamp", e => e["timestamp"] = 1700000000, "timestamp", "must be an ISO-8601 string" },
        { "missing timestamp", e => e.Remove("timestamp"), "timestamp", "is required" },
        { "future timestamp", e => e["timestamp"] = "2025-06-01T12:05:01Z", "timestamp", "after the server time" },
        { "ancient timestamp", e => e["timestamp"] = "1989-12-31T23:59:59Z", "timestamp", "before the earliest accepted time" },
        { "string value", e => e["value"] = "4", "value", "must be a number, not a string" },
        { "huge value", e => e["value"] = 1e10, "value", "outside" },
        { "negative huge value", e => e["value"] = -1.5e9, "value", "outside" },
        { "rating without value", e => e.Remove("value"), "value", "required for rating events" },
        { "long recommendationId", e => e["recommendationId"] = new string('r', 129), "recommendationId", "at most 128" },
        { "array context", e => e["context"] = new JsonArray(), "context", "must be an object" },
        { "too many context entries", e => e["context"] = ContextWith(17, 1, 1), "context", "more than 16 entries" },
        { "long context key", e => e["context"] = new JsonObject { [new string('k', 65)] = "v" }, "context", "1 to 64 characters" },
        { "long context value", e => e["context"] = new JsonObject { ["k"] = new string('v', 257) }, "context", "at most 256" },
        { "numeric context value", e => e["context"] = new JsonObject { ["k"] = 3 }, "context", "must be a string" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void Each_rule_names_the_event_the_field_and_the_reason(string rule, Action<JsonObject> breakIt, string field, string reason)
    {
        var good = Valid();
        good["eventId"] = "ok";
        var bad = Valid();
        breakIt(bad);
        var body = $"[{good.ToJsonString()},{bad.ToJsonString()}]";

        var read = Reader().Read(Bytes(body));

        Assert.Null(read.Failure);
        Assert.Equal("ok", Assert.Single(read.Values).Value.EventId);
        var error = Assert.Single(read.Errors);
        Assert.True(error.Index == 1, rule);
        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason);
        var expectedId = field == "eventId" ? null : "e1";
        Assert.Equal(expectedId, error.EventId);
    }

    [Fact]
    public void A_value_that_overflows_a_double_is_not_finite()
    {
        var body = Valid().ToJsonString().Replace("4.5", "1e999", StringComparison.Ordinal);

        var error = Assert.Single(Reader().Read(Bytes(body)).Errors);

        Assert.Equal("value", error.Field);
    }

    [Fact]
    public void The_reported_field_does_not_depend_on_property_order()
    {
        const string body = "{\"timestamp\":\"nope\",\"type\":\"watch\",\"itemId\":\"i\",\"userId\":\"u\",\"eventId\":\"e\"}";

        var error = Assert.Single(Reader().Read(Bytes(body)).Errors);

        Assert.Equal("type", error.Field);
        Assert.Equal("e", error.EventId);
    }

    [Fact]
    public void Context_at_the_limits_is_accepted()
    {
        var e = Valid();
        e["context"] = ContextWith(16, 64, 256);

        var read = Reader().Read(Bytes(e.ToJsonString()));

        Assert.Equal(16, Assert.Single(read.Values).Value.Context!.Count);
    }

    [Fact]
    public void Validate_applies_the_same_rules_to_built_events()
    {
        var reader = Reader();
        var good = new UserEvent("e1", "u1", "i1", EventType.View, Now.AddDays(-1));

        Assert.Null(reader.Validate(good, 0));
        var error = reader.Validate(good with { Timestamp = Now.AddHours(1) }, 7);
        Assert.Equal(new EventError(7, "e1", "timestamp", error!.Reason), error);
        Assert.Equal("itemId", reader.Validate(good with { ItemId = null }, 0)!.Field);
    }

    private static JsonObject ContextWith(int entries, int keyLength, int valueLength)
    {
        var context = new JsonObject();
        for (var i = 0; i < entries; i++)
        {
            var key = i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(keyLength, 'k');
            context[key] = new string('v', valueLength);
        }

        return context;
    }
}
