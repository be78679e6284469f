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
        new FixedPopularitySource(Popularity),
        Time,
        Microsoft.Extensions.Options.Options.Create(Options),
        NullLogger<RecommendationService>.Instance);

    public HashModel Model(string version = "m1", float? churn = null) => new(version, Items.Select(i => i.ItemId).ToList(), churn: churn);

    /// <summary>
    /// A profile built by the real aggregator from <paramref name="events"/> random item events (impressions included)
    /// over the last 60 days.
    /// </summary>
    public UserProfile Profile(string userId, int events, int seed)
    {
        var random = new Random(seed);
        var types = Enum.GetValues<EventType>().Where(t => t != EventType.SessionStart).ToArray();
        return Build(userId, Enumerable.Range(0, events).Select(_ =>
            (Items[random.Next(Items.Count)].ItemId, types[random.Next(types.Length)], Now.AddMinutes(-random.Next(60 * 24 * 60)))));
    }

    /// <summary>A profile built by the real aggregator from (item, type, time) events.</summary>
    public UserProfile Build(string userId, IEnumerable<(string ItemId, EventType Type, DateTimeOffset At)> events)
    {
        var aggregator = new ProfileAggregator(new ProfileLimits());
        var profile = ProfileAggregator.NewProfile(userId);
        var n = 0;
        foreach (var (itemId, type, at) in events)
        {
            var categories = Items.FirstOrDefault(i => i.ItemId == itemId)?.Categories ?? [];
            aggregator.Apply(profile, new UserEvent($"{userId}-{n++}", userId, itemId, type, at, type == EventType.Rating ? 4 : null), categories);
        }
        return profile;
    }
}
