using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Longview.Core.Erasure;
using Longview.Core.Ingestion;
using Longview.Core.Ports;
using Longview.Core.Privacy;
using Longview.Infrastructure.Blob;
using Longview.Infrastructure.Training;
using Longview.Local.Security;
using Longview.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Local.Tests.Security;

/// <summary>DELETE /api/users/{userId}: the profile and the user's dead letters go, the erasure is logged, and the route needs the key.</summary>
public sealed class UserErasureTests
{
    private static string Event(string id, string user) =>
        $$"""{"eventId":"{{id}}","userId":"{{user}}","itemId":"i1","type":"view","timestamp":"2025-03-01T10:00:00Z"}""";

    private static async Task SeedAsync(SecuredApp app, HttpClient client)
    {
        await client.PostEventsAsync("[" + Event("a1", "alice") + "," + Event("a2", "alice") + "," + Event("b1", "bob") + "]");
        var sink = new BlobDeadLetterSink(app.Services.GetRequiredService<IBlobStore>(), TimeProvider.System,
            Options.Create(new BlobDeadLetterOptions()), NullLogger<BlobDeadLetterSink>.Instance);
        await sink.WriteAsync(
        [
            new DeadLetter("batch-1", 0, "a9", "type", "unknown type", Event("a9", "alice").Replace("view", "hover")),
            new DeadLetter("batch-1", 1, "b9", "type", "unknown type", Event("b9", "bob").Replace("view", "hover")),
            // A whole NDJSON message that could not be split: it holds alice's event among bob's.
            new DeadLetter("batch-2", 0, null, null, "unreadable", Event("b8", "bob") + "\n" + Event("a8", "alice") + "\n{\"eventId\":"),
            new DeadLetter("batch-3", 0, null, null, "unreadable", "garbage without ids"),
        ]);
    }

    private static async Task<List<string>> DeadLettersAsync(SecuredApp app)
    {
        var names = new List<string>();
        await foreach (var name in app.Services.GetRequiredService<IBlobStore>().ListAsync("deadletter", ""))
        {
            names.Add(name);
        }
        return names;
    }

    [Fact]
    public async Task Delete_removes_the_profile_and_the_users_dead_letters_and_nothing_else()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions { ApiKey = SecuredApp.Key });
        using var client = app.Client(SecuredApp.Key);
        await SeedAsync(app, client);
        Assert.Equal(4, (await DeadLettersAsync(app)).Count);

        var response = await client.DeleteAsync("/api/users/alice");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/users/alice/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/users/bob/profile")).StatusCode);
        var left = await DeadLettersAsync(app);
        Assert.Equal(2, left.Count);
        Assert.Contains("batch-1-1.json", left);
        Assert.Contains("batch-3-0.json", left);
    }

    [Fact]
    public async Task A_later_scan_of_the_store_has_no_trace_of_the_user_and_the_erasure_log_names_them_only_by_hash()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions());
        using var client = app.Client();
        await SeedAsync(app, client);
        var beforeErasure = DateTimeOffset.UtcNow.AddSeconds(-1);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/users/alice")).StatusCode);

        // Training snapshots and retention read the store through ScanAsync.
        var users = new List<string>();
        await foreach (var profile in app.Services.GetRequiredService<IProfileStore>().ScanAsync())
        {
            users.Add(profile.UserId);
        }
        Assert.Equal(["bob"], users);

        var log = app.Services.GetRequiredService<IErasureLog>();
        var hash = app.Services.GetRequiredService<UserIdHash>();
        var records = new List<ErasureRecord>();
        await foreach (var record in log.ListAsync(DateTimeOffset.MinValue))
        {
            records.Add(record);
        }
        var only = Assert.Single(records);
        Assert.Equal(hash.Of("alice"), only.UserIdHash);
        Assert.DoesNotContain("alice", only.UserIdHash, StringComparison.Ordinal);

        // A snapshot captured before the erasure must drop alice; one captured after has nothing to drop.
        var stale = await ErasedUsersFilter.LoadAsync(log, hash, beforeErasure);
        var fresh = await ErasedUsersFilter.LoadAsync(log, hash, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.True(stale.IsErased("alice"));
        Assert.False(stale.IsErased("bob"));
        Assert.False(fresh.IsErased("alice"));
    }

    [Fact]
    public async Task A_training_snapshot_taken_after_the_erasure_does_not_contain_the_user()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions());
        using var client = app.Client();
        await SeedAsync(app, client);
        var writer = ActivatorUtilities.CreateInstance<ProfileSnapshotWriter>(app.Services);
        var before = await SnapshotUsersAsync(writer);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/users/alice")).StatusCode);
        var after = await SnapshotUsersAsync(writer);

        Assert.Equal(["alice", "bob"], before);
        Assert.Equal(["bob"], after);
    }

    private static async Task<List<string>> SnapshotUsersAsync(ProfileSnapshotWriter writer)
    {
        using var buffer = new MemoryStream();
        await writer.WriteToAsync(buffer, CancellationToken.None);
        buffer.Position = 0;
        await using var gzip = new GZipStream(buffer, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var users = new List<string>();
        while (await reader.ReadLineAsync() is { Length: > 0 } line)
        {
            users.Add(JsonNode.Parse(line)!["userId"]!.GetValue<string>());
        }
        return users.Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task An_unknown_user_is_a_404_problem_and_a_second_delete_is_too()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions());
        using var client = app.Client();
        await SeedAsync(app, client);

        var unknown = await client.DeleteAsync("/api/users/nobody");
        var first = await client.DeleteAsync("/api/users/bob");
        var second = await client.DeleteAsync("/api/users/bob");

        var problem = await Problem.ReadAsync(unknown, HttpStatusCode.NotFound);
        Assert.Contains("nobody", (string?)problem["detail"]);
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        await Problem.ReadAsync(second, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_needs_the_key()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions { ApiKey = SecuredApp.Key });
        using var keyed = app.Client(SecuredApp.Key);
        using var anonymous = app.Client();
        using var wrong = app.Client("wrong-key-0123456789abcdef");
        await SeedAsync(app, keyed);

        await Problem.ReadAsync(await anonymous.DeleteAsync("/api/users/alice"), HttpStatusCode.Unauthorized);
        await Problem.ReadAsync(await wrong.DeleteAsync("/api/users/alice"), HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("/api/users/alice/profile")).StatusCode);
        Assert.Equal(4, (await DeadLettersAsync(app)).Count);
    }

    [Fact]
    public async Task Erasure_is_not_a_block_list_a_later_event_creates_a_new_profile_from_that_event_only()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions());
        using var client = app.Client();
        await SeedAsync(app, client);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/users/alice")).StatusCode);

        // A producer replaying an event from before the erasure brings nothing back; an event after it starts afresh.
        var replay = await client.PostEventsAsync(Event("a1", "alice"));
        Assert.Equal((0, 1), (replay.Accepted, replay.Erased));
        Assert.Empty(replay.Rejected);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/users/alice/profile")).StatusCode);
        await client.PostEventsAsync(Event("a3", "alice").Replace("2025-03-01T10:00:00Z", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));

        var profile = await client.GetProfileAsync("alice");
        Assert.Equal(1, profile.Events.Values.Sum());
    }

    [Theory]
    [InlineData("%C2%85")] // U+0085, a C1 control character (IdRule); a blank id can be ingested, so it can be erased too
    [InlineData("%01abc")]
    public async Task An_id_no_event_could_carry_is_a_400_problem(string userId)
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions());
        using var client = app.Client();

        var problem = await Problem.ReadAsync(await client.DeleteAsync($"/api/users/{userId}"), HttpStatusCode.BadRequest);

        Assert.Contains("userId", (string?)problem["detail"]);
    }
}
