using Longview.Core.Import;
using Longview.Core.Items;
using Longview.Core.Ports;
using Longview.Local.Hosting;
using Longview.Local.Import;
using Longview.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Local.Tests.Import;

/// <summary>
/// Item tags from the datasets' own tag files, on slices of the real files cut here at run time into a temp folder
/// (nothing of the data is in the repository): MovieLens tags.csv, Last.fm user_taggedartists.dat through tags.dat.
/// Expectations are counted from the raw lines with a plain split, not with the product's parsers.
/// </summary>
public sealed class ImportTagsTests
{
    private static readonly ItemLimits Limits = new();

    [SharedDataFact("ml-latest-small", "tags.csv")]
    public async Task MovieLens_items_carry_their_most_used_tags_within_the_limits_and_their_genres_as_categories()
    {
        var source = SharedData.Folder("ml-latest-small");
        var tagLines = File.ReadLines(Path.Combine(source, "tags.csv")).Skip(1).Where(l => l.Length > 0).ToList();
        // The 6 most tagged movies (Pulp Fiction has more distinct tags than an item may hold) and 4 without tags.
        var rawTags = tagLines.Select(l => l.Split(',')).GroupBy(f => f[1]).ToDictionary(g => g.Key, g => g.Select(f => f[2].Trim('"').Trim().ToLowerInvariant()).ToList());
        var tagged = rawTags.OrderByDescending(t => t.Value.Count).ThenBy(t => t.Key, StringComparer.Ordinal).Take(6).Select(t => t.Key).ToList();
        var movieLines = File.ReadLines(Path.Combine(source, "movies.csv")).Skip(1).ToList();
        var untagged = movieLines.Select(l => l[..l.IndexOf(',')]).Where(id => !rawTags.ContainsKey(id)).Take(4).ToList();
        var ids = tagged.Concat(untagged).ToHashSet();
        using var dataset = new TempFolder();
        await File.WriteAllLinesAsync(Path.Combine(dataset.Path, "movies.csv"), ["movieId,title,genres", .. movieLines.Where(l => ids.Contains(l[..l.IndexOf(',')]))]);
        await File.WriteAllLinesAsync(Path.Combine(dataset.Path, "tags.csv"), ["userId,movieId,tag,timestamp", .. tagLines.Where(l => ids.Contains(l.Split(',')[1])),
            $"1,{tagged[0]},{new string('x', Limits.MaxTagLength + 1)},1445714994"]);
        await File.WriteAllLinesAsync(Path.Combine(dataset.Path, "ratings.csv"), ["userId,movieId,rating,timestamp", .. File.ReadLines(Path.Combine(source, "ratings.csv")).Skip(1).Where(l => ids.Contains(l.Split(',')[1])).Take(200)]);

        var items = await ImportAsync(dataset.Path, "movielens-csv", ids);

        Assert.Equal(ids.Order(), items.Keys.Order());
        Assert.Contains(tagged, id => rawTags[id].Distinct().Count() > Limits.MaxTags);
        foreach (var id in tagged)
        {
            var tags = items[id].Tags!;
            Assert.InRange(tags.Count, 1, Limits.MaxTags);
            Assert.All(tags, t => Assert.InRange(t.Length, 1, Limits.MaxTagLength));
            Assert.All(tags, t => Assert.Contains(t, rawTags[id].Select(ItemTagTally.Normalize)));
            var mostUsed = rawTags[id].Select(ItemTagTally.Normalize).GroupBy(t => t).Max(g => g.Count());
            Assert.Equal(mostUsed, rawTags[id].Select(ItemTagTally.Normalize).Count(t => t == tags[0]));
            Assert.Equal(Math.Min(Limits.MaxTags, rawTags[id].Select(ItemTagTally.Normalize).Distinct().Count()), tags.Count);
        }
        Assert.All(untagged, id => Assert.Null(items[id].Tags));
        var pulp = movieLines.Single(l => l.StartsWith(tagged[0] + ",", StringComparison.Ordinal));
        Assert.Equal(pulp[(pulp.LastIndexOf(',') + 1)..].Split('|'), items[tagged[0]].Categories);
    }

    [SharedDataFact("lastfm-hetrec2011", "user_taggedartists.dat")]
    public async Task LastFm_artists_are_titled_by_name_and_tagged_through_the_vocabulary()
    {
        var source = SharedData.Folder("lastfm-hetrec2011");
        var artistLines = File.ReadLines(Path.Combine(source, "artists.dat")).Skip(1).Take(30).ToList();
        var ids = artistLines.Select(l => l.Split('\t')[0]).ToHashSet();
        var taggings = File.ReadLines(Path.Combine(source, "user_taggedartists.dat")).Skip(1).Where(l => l.Length > 0 && ids.Contains(l.Split('\t')[1])).ToList();
        var vocabulary = File.ReadLines(Path.Combine(source, "tags.dat"), System.Text.Encoding.Latin1).Skip(1).Select(l => l.Split('\t')).ToDictionary(f => f[0], f => f[1]);
        using var dataset = new TempFolder();
        await File.WriteAllLinesAsync(Path.Combine(dataset.Path, "artists.dat"), [File.ReadLines(Path.Combine(source, "artists.dat")).First(), .. artistLines]);
        await File.WriteAllLinesAsync(Path.Combine(dataset.Path, "user_taggedartists.dat"), ["userID\tartistID\ttagID\tday\tmonth\tyear", .. taggings]);
        File.Copy(Path.Combine(source, "tags.dat"), Path.Combine(dataset.Path, "tags.dat"));

        var items = await ImportAsync(dataset.Path, "lastfm", ids, expectedEvents: taggings.Count);

        Assert.Equal(ids.Order(), items.Keys.Order());
        Assert.All(artistLines.Select(l => l.Split('\t')), f => Assert.Equal(f[1], items[f[0]].Title));
        var rawTags = taggings.Select(l => l.Split('\t')).GroupBy(f => f[1]).ToDictionary(g => g.Key, g => g.Select(f => ItemTagTally.Normalize(vocabulary[f[2]])).ToList());
        Assert.True(rawTags.Count >= 10, $"only {rawTags.Count} of the first 30 artists are tagged");
        foreach (var (id, raw) in rawTags)
        {
            var tags = items[id].Tags!;
            Assert.Equal(Math.Min(Limits.MaxTags, raw.Where(t => t.Length <= Limits.MaxTagLength).Distinct().Count()), tags.Count);
            Assert.All(tags, t => Assert.Contains(t, raw));
            Assert.Equal(raw.GroupBy(t => t).Max(g => g.Count()), raw.Count(t => t == tags[0]));
        }
        Assert.All(ids.Except(rawTags.Keys), id => Assert.Null(items[id].Tags));
    }

    private static async Task<IReadOnlyDictionary<string, CatalogItem>> ImportAsync(string folder, string format, IReadOnlyCollection<string> ids, long? expectedEvents = null)
    {
        using var data = new TempFolder();
        await using var services = new ServiceCollection().AddLogging().AddLongviewLocal(data.Path).BuildServiceProvider();
        var summary = await services.GetRequiredService<DatasetImporter>().ImportAsync(new ImportOptions(folder, format), null, CancellationToken.None);
        Assert.Equal(0, summary.ItemsRejected);
        Assert.Equal(0, summary.Rejected);
        if (expectedEvents is { } events)
        {
            Assert.Equal(events, summary.Accepted);
        }
        return await services.GetRequiredService<IItemCatalog>().GetManyAsync(ids);
    }
}
