using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Longview.Core.Profiles;
using Longview.Infrastructure.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Longview.Infrastructure.Tests.Cosmos;

public sealed class CosmosStoreOptionsTests
{
    [Fact]
    public void Every_bad_setting_is_reported_by_name()
    {
        var options = new CosmosStoreOptions { Endpoint = null, DatabaseName = " ", MaxParallelOperations = 0, ScanPageSize = 5000 };

        var problems = string.Join("\n", options.Problems());

        Assert.Contains("Cosmos:Endpoint", problems);
        Assert.Contains("Cosmos:DatabaseName", problems);
        Assert.Contains("Cosmos:MaxParallelOperations must be 1..256 (got 0)", problems);
        Assert.Contains("Cosmos:ScanPageSize must be 1..1000 (got 5000)", problems);
        var error = Assert.Throws<InvalidOperationException>(() => CosmosClientFactory.Create(options));
        Assert.Contains("Cosmos:Endpoint", error.Message);
    }

    [Fact]
    public void Emulator_settings_use_the_gateway_and_only_the_given_endpoint()
    {
        var options = new CosmosStoreOptions().ForEmulator(new Uri("http://127.0.0.1:8081/"), "key");

        Assert.Empty(options.Problems());
        Assert.Equal(ConnectionMode.Gateway, options.ConnectionMode);
        Assert.True(options.LimitToEndpoint);
        Assert.False(options.AcceptAnyServerCertificate);
        Assert.True(new CosmosStoreOptions().ForEmulator(new Uri("https://127.0.0.1:8081/"), "key").AcceptAnyServerCertificate);
    }

    [Fact]
    public void The_sdk_serializer_writes_and_reads_Longview_json_conventions()
    {
        var serializer = new LongviewCosmosSerializer();
        var profile = new UserProfile { UserId = "u-1", FirstSeen = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero) };
        profile.Recent.Add(new RecentEvent("m-1", profile.FirstSeen.Value, Core.Events.EventType.SessionStart));

        using var stream = serializer.ToStream(profile);
        var json = JsonDocument.Parse(stream).RootElement;
        stream.Position = 0;
        var back = serializer.FromStream<UserProfile>(stream);

        Assert.Equal("u-1", json.GetProperty("userId").GetString());
        Assert.Equal("session_start", json.GetProperty("recent")[0].GetProperty("type").GetString());
        Assert.False(json.TryGetProperty("lastSeen", out _)); // nulls are omitted, as everywhere else
        Assert.Equal("m-1", Assert.Single(back.Recent).ItemId);
        Assert.Equal("userId", serializer.SerializeMemberName(typeof(UserProfile).GetProperty(nameof(UserProfile.UserId))!));
    }

    [Fact]
    public void A_document_read_in_chunks_reaches_a_converter_that_skips_values_in_one_complete_block()
    {
        // 40 KB after the value the converter skips in: read in chunks, that value sits in a block that is not the
        // last one, where Utf8JsonReader.Skip() throws "Cannot skip tokens on partial JSON".
        var json = $"{{\"record\":{{\"ignored\":[1,2,3],\"kept\":7}},\"padding\":\"{new string('x', 40_000)}\"}}";

        var fromStream = new LongviewCosmosSerializer().FromStream<Envelope>(new ForwardOnlyStream(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(7, fromStream.Record.Kept);
    }

    private sealed record Envelope(string Padding, SkippingRecord Record);

    [JsonConverter(typeof(SkippingConverter))]
    private sealed record SkippingRecord(int Kept);

    /// <summary>Reads "kept" and skips every other property, like Core's compact converters do.</summary>
    private sealed class SkippingConverter : JsonConverter<SkippingRecord>
    {
        public override SkippingRecord Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var kept = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isKept = reader.ValueTextEquals("kept"u8);
                reader.Read();
                if (isKept)
                {
                    kept = reader.GetInt32();
                }
                else
                {
                    reader.Skip();
                }
            }
            return new SkippingRecord(kept);
        }

        public override void Write(Utf8JsonWriter writer, SkippingRecord value, JsonSerializerOptions options) => throw new NotSupportedException();
    }

    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 4096));

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
