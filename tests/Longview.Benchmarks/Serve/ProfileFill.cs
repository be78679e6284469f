using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Serving;
using Longview.Core.Serving.Impressions;
using Microsoft.Data.Sqlite;

namespace Longview.Benchmarks.Serve;

/// <summary>
/// <c>--fill-lists N</c>: before the HTTP rows, folds N earlier served lists into every profile, as if each user had
/// been served N lists over the past 30 days, so the rows measure profiles in the state a long-running service keeps
/// them in. The import alone leaves young profiles (each user's ratings, no impressions); a service that has served a
/// user ~205 lists holds 256 recent impressions and a full dedup record of 2,048 ids, several times the bytes every
/// request reads and every impression write rewrites. The lists go through <see cref="EventIngestion"/> exactly as the
/// impression writer sends them (<see cref="ImpressionEvents"/>), one call per user.
/// </summary>
internal static class ProfileFill
{
    public static async Task RunAsync(EventIngestion ingestion, IReadOnlyList<string> users, IReadOnlyList<string> items, int lists, string profileDatabase)
    {
        var random = new Random(18);
        var now = DateTimeOffset.UtcNow;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rejected = 0;
        foreach (var user in users)
        {
            var events = new List<UserEvent>(lists * 10);
            for (var l = 0; l < lists; l++)
            {
                var listItems = Enumerable.Range(0, 10).Select(_ => new RecommendedItem(items[random.Next(items.Count)], 0)).ToArray();
                var servedAt = now - TimeSpan.FromDays(30) * (lists - l) / lists;
                events.AddRange(ImpressionEvents.For(new Recommendation(user, $"fill-{l}", "fill", "active", listItems), servedAt));
            }
            rejected += (await ingestion.IngestAsync(events)).Rejected.Count;
        }
        using var connection = new SqliteConnection($"Data Source={profileDatabase};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT avg(length(body)), max(length(body)) FROM profiles";
        using var reader = command.ExecuteReader();
        reader.Read();
        Console.WriteLine($"  filled: {lists} served lists folded into each of {users.Count:N0} profiles in {clock.Elapsed.TotalSeconds:F0} s ({rejected} events rejected); stored profile mean {reader.GetDouble(0) / 1024:F1} KiB, max {reader.GetDouble(1) / 1024:F1} KiB");
    }
}
