using System.Text.Json;
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
}
