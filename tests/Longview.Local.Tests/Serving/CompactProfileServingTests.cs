using System.Text.Json;
using System.Text.Json.Nodes;
using Longview.Core.Profiles;
using Longview.Core.Serialization;
using Longview.Local.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Longview.Local.Tests.Serving;

/// <summary>
/// The self-hosted store keeps profiles in <see cref="CompactProfileEncoding"/>: a profile stored as JSON by an earlier
/// build must serve, show and fatigue exactly as before, and move to the compact form on its next write.
/// </summary>
public sealed class CompactProfileServingTests
{
    [Fact]
    public async Task A_json_profile_from_an_earlier_build_serves_and_fatigues_as_before_and_is_stored_compact_after_its_impressions()
    {
        using var folder = new TempFolder();
        await using var app = await ServingApp.StartAsync(folder.Path, logImpressions: true);
        const int catalogue = 6;
        await app.PostCatalogAsync(catalogue);
        await app.PostViewsAsync("olga", 1, 2);
        var database = Directory.GetFiles(folder.Path, "profiles.db", SearchOption.AllDirectories).Single();
        Assert.True(CompactProfileEncoding.IsCompact(Body(database, "olga")));
        // The profile's interests appear once the background encoder has embedded the viewed items: compare the settled
        // profile (read before that, the comparison below failed under load with "interests" only in the second read).
        var publicBefore = await ServingApp.EventuallyAsync(() => app.Client.GetStringAsync("/api/users/olga/profile"),
            profile => profile.Contains("\"interests\"", StringComparison.Ordinal), "the profile's interests (the items embedded)");

        // What a build before the compact encoding stored: the profile's JSON document.
        var json = JsonSerializer.SerializeToUtf8Bytes(await app.StoredProfileAsync("olga"), LongviewJson.Options);
        SetBody(database, "olga", json);

        Assert.Equal(publicBefore, await app.Client.GetStringAsync("/api/users/olga/profile"));
        for (var shown = 1; shown <= 4; shown++)
        {
            Assert.Equal(catalogue, (await app.RecommendAsync("olga", $"?count={catalogue}")).Items.Count);
            await ServingApp.EventuallyAsync(() => app.StoredProfileAsync("olga"), p => p.Impressions.Count == shown * catalogue, $"{shown * catalogue} impressions");
        }

        // Four impressions of every item: all withheld, as with the JSON store.
        Assert.Empty((await app.RecommendAsync("olga", $"?count={catalogue}")).Items);
        Assert.True(CompactProfileEncoding.IsCompact(Body(database, "olga")));
        var fatigue = JsonNode.Parse(await app.Client.GetStringAsync("/api/users/olga/profile"))!["fatigue"]!.AsArray();
        Assert.Equal(catalogue, fatigue.Count);
        Assert.All(fatigue, f => Assert.Equal(4, (int)f!["impressionsSinceEngagement"]!));
    }

    private static byte[] Body(string database, string userId)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM profiles WHERE user_id = $id";
        command.Parameters.AddWithValue("$id", userId);
        return (byte[])command.ExecuteScalar()!;
    }

    private static void SetBody(string database, string userId, byte[] body)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE profiles SET body = $body WHERE user_id = $id";
        command.Parameters.AddWithValue("$id", userId);
        command.Parameters.AddWithValue("$body", body);
        Assert.Equal(1, command.ExecuteNonQuery());
    }
}
