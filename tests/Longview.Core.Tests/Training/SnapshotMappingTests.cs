using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Profiles;
using Longview.Core.Serialization;
using Longview.Core.Training.Snapshot;

namespace Longview.Core.Tests.Training;

public sealed class SnapshotMappingTests
{
    private static readonly DateTimeOffset T0 = new(2000, 12, 31, 22, 12, 40, TimeSpan.Zero);

    private static UserProfile Profile(params UserEvent[] events)
    {
        var aggregator = new ProfileAggregator(new ProfileLimits());
        var profile = ProfileAggregator.NewProfile("42");
        foreach (var e in events)
        {
            aggregator.Apply(profile, e, []);
        }
        return profile;
    }

    [Fact]
    public void Maps_the_recent_sequence_oldest_first_with_unix_seconds_wire_types_and_values()
    {
        // Applied out of order and with an offset: the record is in UTC and by time.
        var profile = Profile(
            new UserEvent("e2", "42", "1193", EventType.Rating, T0.AddDays(1).ToOffset(TimeSpan.FromHours(2)), 5.0),
            new UserEvent("e1", "42", "661", EventType.View, T0),
            new UserEvent("e3", "42", null, EventType.SessionStart, T0.AddDays(3)),
            new UserEvent("e4", "42", "914", EventType.Impression, T0.AddDays(3)));

        var record = SnapshotMapping.ToRecord(profile);

        Assert.Equal("42", record.UserId);
        Assert.Equal([new SnapshotEvent("661", 978300760, "view", null), new SnapshotEvent("1193", 978300760 + 86400, "rating", 5.0)], record.Events);
        Assert.Equal(T0, record.FirstSeen);
        Assert.Equal(TimeSpan.Zero, record.LastSeen!.Value.Offset);
        Assert.Equal(T0.AddDays(3), record.LastSeen);
        // 2000-12-31 is day 11322 since 1970-01-01.
        Assert.Equal([11322, 11323, 11325], record.ActiveDays);
        Assert.Equal(new Dictionary<string, long> { ["view"] = 1, ["rating"] = 1, ["session_start"] = 1, ["impression"] = 1 }, record.Counts);
    }

    [Fact]
    public void Serializes_to_the_line_format_the_training_job_reads()
    {
        var record = SnapshotMapping.ToRecord(Profile(new UserEvent("e1", "42", "1193", EventType.Rating, T0, 5.0)));

        using var json = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(record, LongviewJson.Options));
        var root = json.RootElement;

        Assert.Equal("42", root.GetProperty("userId").GetString());
        Assert.Equal(T0, DateTimeOffset.Parse(root.GetProperty("firstSeen").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        var e = root.GetProperty("events")[0];
        Assert.Equal("1193", e.GetProperty("itemId").GetString());
        Assert.Equal(978300760, e.GetProperty("ts").GetInt64());
        Assert.Equal("rating", e.GetProperty("type").GetString());
        Assert.Equal(5.0, e.GetProperty("value").GetDouble());
        Assert.Equal(11322, root.GetProperty("activeDays")[0].GetInt32());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("rating").GetInt64());
    }
}
