using System.Text;
using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Profiles;
using Longview.Core.Serialization;

namespace Longview.Core.Tests.Profiles;

public sealed class ProfileJsonTests
{
    private static UserProfile Sample()
    {
        var aggregator = new ProfileAggregator(new ProfileLimits());
        var profile = ProfileAggregator.NewProfile("u42");
        var t = new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.FromHours(2));
        aggregator.Apply(profile, new UserEvent("e1", "u42", null, EventType.SessionStart, t), []);
        aggregator.Apply(profile, new UserEvent("e2", "u42", "m1", EventType.Impression, t.AddMinutes(1)), ["Comedy"]);
        aggregator.Apply(profile, new UserEvent("e3", "u42", "m2", EventType.Rating, t.AddMinutes(2), 4), ["Drama", "Comedy"]);
        aggregator.Apply(profile, new UserEvent("e4", "u42", "m2", EventType.View, t.AddDays(3), 120), ["Drama"]);
        return profile;
    }

    [Fact]
    public void The_public_json_is_readable_and_uses_the_contract_names()
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(Sample(), LongviewJson.Options));
        var root = json.RootElement;

        Assert.Equal("u42", root.GetProperty("userId").GetString());
        Assert.Equal("2024-05-01T07:00:00+00:00", root.GetProperty("firstSeen").GetString());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("session_start").GetInt32());
        Assert.Equal("rating", root.GetProperty("recent")[0].GetProperty("type").GetString());
        Assert.Equal("m1", root.GetProperty("impressions")[0].GetProperty("itemId").GetString());
        Assert.Equal("2024-05-04", root.GetProperty("activeDays").GetProperty("last").GetString());
        Assert.Equal(2, root.GetProperty("activeDays").GetProperty("count").GetInt32());
        // The dedup record holds the activity (the impression's hash is kept with it in "impressions").
        Assert.Equal(3, root.GetProperty("seen").GetProperty("count").GetInt32());
        Assert.True(root.GetProperty("affinities").TryGetProperty("Drama", out _));
    }

    [Fact]
    public void Impressions_keep_the_stored_format_and_read_it_back()
    {
        var profile = Sample();
        var json = JsonSerializer.Serialize(profile, LongviewJson.Options);
        using var document = JsonDocument.Parse(json);
        var impression = document.RootElement.GetProperty("impressions")[0];

        // The names the generic serializer wrote before the hand-written converter; the key in decimal digits, not a
        // JSON number (a reader that takes numbers as doubles rounds a 64-bit hash).
        Assert.Equal(["itemId", "timestamp", "eventKey"], impression.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2024-05-01T07:01:00+00:00", impression.GetProperty("timestamp").GetString());
        Assert.Equal(profile.Impressions[0].EventKey.ToString(System.Globalization.CultureInfo.InvariantCulture), impression.GetProperty("eventKey").GetString());
        var back = JsonSerializer.Deserialize<UserProfile>(json, LongviewJson.Options)!;
        Assert.Equal(profile.Impressions, back.Impressions);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RecentImpression>("{\"itemId\":\"m1\",\"eventKey\":1}", LongviewJson.Options));
        // A key stored as a number (documents written before) reads as the same key; one not a 64-bit integer does not.
        const string old = "{\"itemId\":\"m1\",\"timestamp\":\"2024-05-01T07:01:00+00:00\",\"eventKey\":18446744073709551615}";
        Assert.Equal(ulong.MaxValue, JsonSerializer.Deserialize<RecentImpression>(old, LongviewJson.Options)!.EventKey);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RecentImpression>(old.Replace("18446744073709551615", "\"18446744073709551616\"", StringComparison.Ordinal), LongviewJson.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RecentImpression>(old.Replace("18446744073709551615", "\"-1\"", StringComparison.Ordinal), LongviewJson.Options));
    }

    /// <summary>A key whose digits a streaming reader sees split across two buffers reads whole.</summary>
    [Fact]
    public void A_key_split_across_buffers_reads_whole()
    {
        var json = Encoding.UTF8.GetBytes("{\"itemId\":\"m1\",\"timestamp\":\"2024-05-01T07:01:00+00:00\",\"eventKey\":\"18446744073709551615\"}");
        var split = Array.IndexOf(json, (byte)'7', json.Length - 15);
        var first = new Segment(json.AsMemory(0, split));
        var last = first.Append(json.AsMemory(split));
        var reader = new Utf8JsonReader(new System.Buffers.ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));

        Assert.Equal(ulong.MaxValue, JsonSerializer.Deserialize<RecentImpression>(ref reader, LongviewJson.Options)!.EventKey);
    }

    private sealed class Segment : System.Buffers.ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }

    [Theory]
    [InlineData("\"deltas\":\"vo0tAw==\"", "\"deltas\":\"/////w8=\"")]
    [InlineData("\"deltas\":\"vo0tAw==\"", "\"deltas\":\"gA==\"")]
    [InlineData("\"keys\":\"", "\"keys\":\"AAAA")]
    public void Corrupt_compact_fields_fail_as_json_errors(string original, string corrupt)
    {
        var json = JsonSerializer.Serialize(Sample(), LongviewJson.Options);
        Assert.Contains(original, json);

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<UserProfile>(json.Replace(original, corrupt, StringComparison.Ordinal), LongviewJson.Options));
    }
}
