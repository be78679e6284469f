using Longview.Core.Events;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Local.Hosting;
using Longview.Local.Import;
using Longview.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Local.Tests.Import;

/// <summary>Imports real MovieLens files through the ingestion service and checks the profiles against counts taken straight from the files.</summary>
public sealed class DatasetImportTests
{
    [SharedDataFact("ml-1m", "ratings.dat")]
    public async Task Importing_ml_1m_gives_one_profile_per_user_holding_each_of_their_ratings()
    {
        var folder = SharedData.Folder("ml-1m");
        // Independent count: split the raw lines here, not with the product's parser.
        var expected = File.ReadLines(Path.Combine(folder, "ratings.dat"))
            .Where(l => l.Length > 0)
            .GroupBy(l => l[..l.IndexOf("::", StringComparison.Ordinal)])
            .ToDictionary(g => g.Key, g => g.Count());
        using var data = new TempFolder();
        await using var services = new ServiceCollection().AddLogging().AddLongviewLocal(data.Path).BuildServiceProvider();

        var summary = await services.GetRequiredService<DatasetImporter>().ImportAsync(new ImportOptions(folder, "ml-1m"), null, CancellationToken.None);

        Assert.Equal(expected.Values.Sum(), summary.Accepted);
        Assert.Equal(0, summary.Rejected);
        Assert.Equal(File.ReadLines(Path.Combine(folder, "movies.dat")).Count(l => l.Length > 0), summary.Items);
        var counts = await ProfileCountsAsync(services.GetRequiredService<IProfileStore>());
        Assert.Equal(expected.Count, counts.Count);
        Assert.All(expected, user =>
        {
            Assert.True(counts.TryGetValue(user.Key, out var got), $"no profile for user {user.Key}");
            Assert.Equal((user.Value, user.Value, (long)user.Value), got);
        });
    }

    [SharedDataFact("ml-latest-small", "ratings.csv")]
    public async Task Importing_movielens_csv_twice_changes_no_profile_the_second_time()
    {
        var folder = SharedData.Folder("ml-latest-small");
        var perUser = File.ReadLines(Path.Combine(folder, "ratings.csv")).Skip(1).Where(l => l.Length > 0)
            .GroupBy(l => l[..l.IndexOf(',', StringComparison.Ordinal)])
            .Select(g => g.Count())
            .ToList();
        var lines = perUser.Sum();
        // The dedup record keeps each user's newest N event ids: a redelivered event older than those is refused
        // (reported, never applied twice), so users with more than N ratings see their oldest ones rejected.
        var remembered = new ProfileLimits().MaxSeenEventIds;
        var beyondHorizon = perUser.Sum(n => Math.Max(0, n - remembered));
        using var data = new TempFolder();
        await using var services = new ServiceCollection().AddLogging().AddLongviewLocal(data.Path).BuildServiceProvider();
        var importer = services.GetRequiredService<DatasetImporter>();
        var store = services.GetRequiredService<IProfileStore>();

        var first = await importer.ImportAsync(new ImportOptions(folder, "movielens-csv"), null, CancellationToken.None);
        var afterFirst = await ProfileCountsAsync(store);
        var second = await importer.ImportAsync(new ImportOptions(folder, "movielens-csv"), null, CancellationToken.None);

        Assert.Equal((lines, 0L, 0L), (first.Accepted, first.Duplicates, first.Rejected));
        Assert.Equal(perUser.Count, afterFirst.Count);
        Assert.Equal(lines, afterFirst.Values.Sum(c => c.Ratings));
        Assert.Equal((0L, (long)lines - beyondHorizon, (long)beyondHorizon), (second.Accepted, second.Duplicates, second.Rejected));
        Assert.Equal(afterFirst, await ProfileCountsAsync(store));
    }

    [Fact]
    public async Task Bad_lines_are_counted_and_quoted_with_their_line_number_and_good_lines_still_land()
    {
        using var dataset = new TempFolder();
        await File.WriteAllLinesAsync(Path.Combine(dataset.Path, "movies.dat"), ["1::Toy Story (1995)::Animation|Comedy", "2 broken", "3::" + new string('x', 600) + "::Drama"], System.Text.Encoding.Latin1);
        await File.WriteAllLinesAsync(Path.Combine(dataset.Path, "ratings.dat"), ["7::1::5::978300760", "7::1::x::978300761", "", "7::1::3::978300762"], System.Text.Encoding.Latin1);
        using var data = new TempFolder();
        await using var services = new ServiceCollection().AddLogging().AddLongviewLocal(data.Path).BuildServiceProvider();

        var summary = await services.GetRequiredService<DatasetImporter>().ImportAsync(new ImportOptions(dataset.Path, "ml-1m"), null, CancellationToken.None);

        Assert.Equal((1L, 2L, 3L, 2L, 1L), (summary.Items, summary.ItemsRejected, summary.Events, summary.Accepted, summary.Rejected));
        Assert.Equal(
            ["movies.dat:2: expected MovieID::Title::Genres", "movies.dat:3: title: has 600 characters; at most 512", "ratings.dat:2: rating: 'x' is not a number"],
            summary.Errors);
        var profile = (await services.GetRequiredService<IProfileStore>().GetAsync("7"))!.Profile;
        Assert.Equal(2, profile.Counts[EventType.Rating]);
        Assert.Equal(["Animation", "Comedy"], profile.Affinities.Keys);
    }

    private static async Task<Dictionary<string, (int RatingEvents, long Ratings, long AllEvents)>> ProfileCountsAsync(IProfileStore store)
    {
        var counts = new Dictionary<string, (int, long, long)>();
        await foreach (UserProfile profile in store.ScanAsync())
        {
            counts[profile.UserId] = ((int)profile.Counts[EventType.Rating], profile.Ratings.Count, profile.Counts.Total);
        }
        return counts;
    }
}
