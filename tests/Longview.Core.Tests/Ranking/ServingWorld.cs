using Longview.Core.Events;
using Longview.Core.Items;
using Longview.Core.Profiles;
using Longview.Core.Serving;
using Longview.Core.Serving.Catalog;
using Longview.Core.Serving.Models;
using Longview.Core.Serving.Popularity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Ranking;

/// <summary>A small catalogue, popularity table and clock the serving tests build on, generated from a seed.</summary>
internal sealed class ServingWorld
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    public static readonly string[] Categories = ["drama", "comedy", "horror", "jazz", "news", "sports"];

    public ServingWorld(int seed, int itemCount = 60)
    {
        var random = new Random(seed);
        Items = Enumerable.Range(1, itemCount).Select(i => new CatalogItem(
            $"i{i}",
            $"Title {i}",
            Categories.OrderBy(_ => random.Next()).Take(1 + random.Next(2)).ToArray(),
            random.Next(5) == 0 ? Now.AddDays(-random.Next(30)) : Now.AddYears(-1))).ToList();
        Popularity = new PopularityTable(Items.Select(i => KeyValuePair.Create(i.ItemId, (double)random.Next(0, 100))));
        Time = new FixedTime(Now);
    }

    public List<CatalogItem> Items { get; }

    public PopularityTable Popularity { get; set; }

    public FixedTime Time { get; }

    public RecommendationOptions Options { get; } = new();

    public RecommendationService Service(IModelSource model, params UserProfile[] profiles) => new(
        new MemoryProfiles(profiles),
        model,
        new CatalogSnapshotCache(new MemoryCatalog(Items), Time, Microsoft.Extensions.Options.Options.Create(new CatalogSnapshotOptions()), NullLogger<CatalogSnapshotCache>.Instance),
        new FixedPopularity(Popularity),
        Time,
        Microsoft.Extensions.Options.Options.Create(Options),
        NullLogger<RecommendationService>.Instance);

    public HashModel Model(string version = "m1", float? churn = null) => new(version, Items.Select(i => i.ItemId).ToList(), churn: churn);

    /// <summary>A profile with <paramref name="events"/> random item events over the last 60 days, oldest first.</summary>
    public UserProfile Profile(string userId, int events, int seed)
    {
        var random = new Random(seed);
        var types = Enum.GetValues<EventType>().Where(t => t != EventType.SessionStart).ToArray();
        var recent = Enumerable.Range(0, events)
            .Select(_ => new RecentEvent(Items[random.Next(Items.Count)].ItemId, Now.AddMinutes(-random.Next(60 * 24 * 60)), types[random.Next(types.Length)]))
            .OrderBy(e => e.Timestamp)
            .ToList();
        var profile = new UserProfile { UserId = userId, Recent = recent, FirstSeen = recent.FirstOrDefault()?.Timestamp ?? Now, LastSeen = recent.LastOrDefault()?.Timestamp ?? Now };
        foreach (var e in recent)
        {
            profile.ActiveDays.Add(DateOnly.FromDateTime(e.Timestamp.UtcDateTime));
        }
        return profile;
    }
}
