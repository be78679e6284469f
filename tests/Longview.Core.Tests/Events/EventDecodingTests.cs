using System.Text;
using Longview.Core.Events;
using Longview.Core.Tests.Support;

namespace Longview.Core.Tests.Events;

/// <summary>
/// Text the JSON grammar lets through but that is not a valid id or not Unicode at all: each bad event is rejected
/// with its index, eventId, field and reason, and the good events around it are kept (issue 13, items 2, 7 and 11).
/// </summary>
public sealed class EventDecodingTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly EventBatchReader Reader = new(new EventLimits(), new FixedTimeProvider(Now));

    private const string Good = """{"eventId":"ok","userId":"u1","itemId":"i1","type":"view","timestamp":"2025-05-01T10:00:00Z"}""";

    /// <summary>An event with one field's JSON text replaced (the raw text between the quotes, escapes allowed).</summary>
    private static string Bad(string field, string jsonText)
    {
        var fields = new Dictionary<string, string>
        {
            ["eventId"] = "\"bad\"",
            ["userId"] = "\"u2\"",
            ["itemId"] = "\"i2\"",
            ["type"] = "\"view\"",
            ["timestamp"] = "\"2025-05-01T10:00:00Z\"",
        };
        fields[field] = jsonText;
        return "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}";
    }

    private static Longview.Core.Batches.BatchRead<UserEvent, EventError> ReadBetweenGoodOnes(byte[] bad)
    {
        var body = new List<byte>();
        body.AddRange(Encoding.UTF8.GetBytes(Good + "\n"));
        body.AddRange(bad);
        body.AddRange(Encoding.UTF8.GetBytes("\n" + Good.Replace("\"ok\"", "\"ok2\"", StringComparison.Ordinal)));
        return Reader.Read(body.ToArray());
    }

    private static EventError SingleErrorKeepingTheGoodOnes(byte[] bad)
    {
        var read = ReadBetweenGoodOnes(bad);

        Assert.Null(read.Failure);
        Assert.Equal(["ok", "ok2"], read.Values.Select(v => v.Value.EventId));
        var error = Assert.Single(read.Errors);
        Assert.Equal(1, error.Index);
        return error;
    }

    public static TheoryData<string, string, string> ControlCharacters() => new()
    {
        { "userId", "\"u\\u0085x\"", "U+0085" },
        { "itemId", "\"i\\u0085x\"", "U+0085" },
        { "userId", "\"u\\u0080\"", "U+0080" },
        { "userId", "\"u\\u009f\"", "U+009F" },
        { "itemId", "\"i\\u007f\"", "U+007F" },
        { "eventId", "\"e\\u0085\"", "U+0085" },
    };

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public void An_id_with_a_c1_or_other_control_character_rejects_only_its_event(string field, string jsonText, string reason)
    {
        var error = SingleErrorKeepingTheGoodOnes(Encoding.UTF8.GetBytes(Bad(field, jsonText)));

        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason);
        Assert.Equal(field == "eventId" ? null : "bad", error.EventId);
    }

    [Fact]
    public void A_raw_utf8_c1_character_in_a_user_id_is_refused_like_its_escape()
    {
        // U+0085 (NEXT LINE) as raw UTF-8 bytes C2 85 inside the string, not as an escape.
        var error = SingleErrorKeepingTheGoodOnes(Encoding.UTF8.GetBytes(Bad("userId", "\"u\u0085\"")));

        Assert.Equal(("userId", "bad"), (error.Field, error.EventId));
        Assert.Contains("U+0085", error.Reason);
    }

    [Theory]
    [InlineData("userId")]
    [InlineData("itemId")]
    [InlineData("eventId")]
    [InlineData("type")]
    [InlineData("timestamp")]
    public void An_escaped_unpaired_surrogate_rejects_only_its_event(string field)
    {
        var error = SingleErrorKeepingTheGoodOnes(Encoding.UTF8.GetBytes(Bad(field, "\"x\\ud800\"")));

        Assert.Equal(field, error.Field);
        Assert.Contains("unpaired surrogate", error.Reason);
    }

    [Theory]
    [InlineData("{\"\\ud800\":\"v\"}", "a key")]
    [InlineData("{\"k\":\"\\udfff\"}", "value of 'k'")]
    public void An_unpaired_surrogate_in_the_context_rejects_only_its_event(string context, string reason)
    {
        var bad = Bad("eventId", "\"bad\"")[..^1] + ",\"context\":" + context + "}";

        var error = SingleErrorKeepingTheGoodOnes(Encoding.UTF8.GetBytes(bad));

        Assert.Equal(("context", "bad"), (error.Field, error.EventId));
        Assert.Contains(reason, error.Reason);
        Assert.Contains("not valid Unicode", error.Reason);
    }

    public static TheoryData<byte[]> InvalidUtf8() => new()
    {
        new byte[] { 0xFF },
        new byte[] { 0xC3, 0x28 },             // a lead byte followed by ASCII
        new byte[] { 0x80 },                   // a lone continuation byte
        new byte[] { 0xC0, 0xAF },             // overlong '/'
        new byte[] { 0xED, 0xA0, 0x80 },       // a surrogate encoded as UTF-8 (CESU)
        new byte[] { 0xF4, 0x90, 0x80, 0x80 }, // beyond U+10FFFF
        new byte[] { 0xE2, 0x82 },             // truncated sequence
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8))]
    public void Invalid_utf8_in_a_user_id_rejects_only_its_event(byte[] junk)
    {
        var bad = Encoding.UTF8.GetBytes(Bad("userId", "\"u#\"")).ToList();
        var at = bad.IndexOf((byte)'#');
        bad.RemoveAt(at);
        bad.InsertRange(at, junk);

        var error = SingleErrorKeepingTheGoodOnes([.. bad]);

        Assert.Equal(("userId", "bad"), (error.Field, error.EventId));
        Assert.Contains("not valid Unicode", error.Reason);
    }

    [Theory]
    [InlineData("userId")]
    [InlineData("itemId")]
    [InlineData("type")]
    [InlineData("timestamp")]
    public void A_repeated_field_is_rejected_rather_than_keeping_one_of_its_values(string field)
    {
        var bad = Bad("eventId", "\"bad\"")[..^1] + $",\"{field}\":" + (field == "timestamp" ? "\"2025-05-01T11:00:00Z\"" : "\"other\"") + "}";

        var error = SingleErrorKeepingTheGoodOnes(Encoding.UTF8.GetBytes(bad));

        Assert.Equal((field, "bad"), (error.Field, error.EventId));
        Assert.Contains("more than once", error.Reason);
    }

    [Fact]
    public void A_repeated_event_id_is_rejected_without_naming_either_id()
    {
        var bad = Bad("eventId", "\"bad\"")[..^1] + ",\"eventId\":\"other\"}";

        var error = SingleErrorKeepingTheGoodOnes(Encoding.UTF8.GetBytes(bad));

        Assert.Equal(("eventId", null), (error.Field, error.EventId));
        Assert.Contains("more than once", error.Reason);
    }

    [Fact]
    public void A_repeated_context_key_is_rejected()
    {
        var bad = Bad("eventId", "\"bad\"")[..^1] + ",\"context\":{\"page\":\"home\",\"page\":\"search\"}}";

        var error = SingleErrorKeepingTheGoodOnes(Encoding.UTF8.GetBytes(bad));

        Assert.Equal(("context", "bad"), (error.Field, error.EventId));
        Assert.Contains("'page' appears more than once", error.Reason);
    }

    [Theory]
    [InlineData("{0}{1}")]
    [InlineData("{0} {1}")]
    [InlineData("{0}[]")]
    [InlineData("{0}1")]
    public void Two_values_on_one_ndjson_line_reject_that_line_instead_of_dropping_the_second(string line)
    {
        var second = Bad("eventId", "\"second\"");
        var bad = string.Format(System.Globalization.CultureInfo.InvariantCulture, line, Bad("eventId", "\"bad\""), second);

        var error = SingleErrorKeepingTheGoodOnes(Encoding.UTF8.GetBytes(bad));

        Assert.Equal(("$", "bad"), (error.Field, error.EventId));
        Assert.Contains("more than one JSON value", error.Reason);
    }

    [Fact]
    public void A_body_of_two_objects_without_a_newline_is_not_one_accepted_event()
    {
        var read = Reader.Read(Encoding.UTF8.GetBytes(Good + Bad("eventId", "\"second\"")));

        Assert.Null(read.Failure);
        Assert.Empty(read.Values);
        var error = Assert.Single(read.Errors);
        Assert.Equal((0, "ok", "$"), (error.Index, error.EventId, error.Field));
        Assert.Contains($"byte {Good.Length}", error.Reason);
    }

    [Fact]
    public void Ids_with_slashes_and_dots_stay_ingestible()
    {
        var body = string.Join("\n",
            Bad("userId", "\"a/b\"").Replace("\"bad\"", "\"e1\"", StringComparison.Ordinal),
            Bad("userId", "\".\"").Replace("\"bad\"", "\"e2\"", StringComparison.Ordinal),
            Bad("userId", "\"..\"").Replace("\"bad\"", "\"e3\"", StringComparison.Ordinal),
            Bad("itemId", "\"x/../y\"").Replace("\"bad\"", "\"e4\"", StringComparison.Ordinal));

        var read = Reader.Read(Encoding.UTF8.GetBytes(body));

        Assert.Empty(read.Errors);
        Assert.Equal(["a/b", ".", "..", "u2"], read.Values.Select(v => v.Value.UserId));
    }
}
