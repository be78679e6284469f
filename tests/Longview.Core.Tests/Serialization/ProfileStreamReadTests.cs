using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Profiles;
using Longview.Core.Serialization;

namespace Longview.Core.Tests.Serialization;

/// <summary>
/// Stores read profiles from a stream (the Cosmos adapter deserializes the response stream), so the JSON arrives in
/// buffers and converters see partial input. A large profile must read back exactly as it does from one buffer.
/// </summary>
public sealed class ProfileStreamReadTests
{
    private static UserProfile HeavyUser()
    {
        var aggregator = new ProfileAggregator(new ProfileLimits());
        var profile = ProfileAggregator.NewProfile("heavy");
        var start = new DateTimeOffset(2023, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var types = new[] { EventType.View, EventType.Click, EventType.Rating, EventType.Impression, EventType.Purchase };
        for (var i = 0; i < 3_000; i++)
        {
            var type = types[i % types.Length];
            var e = new UserEvent($"e{i}", "heavy", $"item-{i % 700}", type, start.AddHours(7 * i), type == EventType.Rating ? 1 + (i % 5) : null);
            aggregator.Apply(profile, e, [$"cat-{i % 40}"]);
        }
        return profile;
    }

    [Theory]
    [InlineData(16)]
    [InlineData(1024)]
    [InlineData(16 * 1024)]
    public async Task A_large_profile_reads_back_from_a_stream_whatever_the_buffer_size(int bufferSize)
    {
        var profile = HeavyUser();
        var json = JsonSerializer.SerializeToUtf8Bytes(profile, LongviewJson.Options);
        Assert.True(json.Length > 16 * 1024, $"the profile must span several default buffers; it has {json.Length} bytes");
        var options = new JsonSerializerOptions(LongviewJson.Options) { DefaultBufferSize = bufferSize };

        var read = await JsonSerializer.DeserializeAsync<UserProfile>(new MemoryStream(json), options);

        Assert.NotNull(read);
        Assert.Null(ProfileEquivalence.Difference(profile, read));
        Assert.Equal(json, JsonSerializer.SerializeToUtf8Bytes(read, LongviewJson.Options));
    }
}
