using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Items;
using Longview.Core.Profiles;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;
using Longview.Core.Serving;
using Longview.Core.Serving.Catalog;
using Longview.Core.Serving.Models;
using Longview.Core.Serving.Popularity;
using Longview.Core.Simulation.ClosedLoop;
using Longview.Core.Tests.Ranking;
using Longview.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Simulation;

/// <summary>
/// A small world for closed-loop tests: 120 items over 6 genres, 200 "real" users with genre-focused histories to fit
/// the taste prior, and a run that wires the real RecommendationService and EventIngestion over in-memory stores.
/// </summary>
internal sealed class ClosedLoopWorld
{
    public static readonly string[] Genres = ["action", "comedy", "drama", "horror", "jazz", "news"];
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public ClosedLoopWorld()
    {
        var random = new Random(7);
        Items = [.. Enumerable.Range(1, 120).Select(i => new CatalogItem($"i{i}", $"Item {i}", [Genres[i % Genres.Length], Genres[(i * 7 / 3) % Genres.Length]]))];
        var users = new List<IReadOnlyList<UserEvent>>();
        for (var u = 0; u < 200; u++)
        {
            var favourite = u % Genres.Length;
            var events = new List<UserEvent>();
            for (var k = 0; k < 10 + random.Next(40); k++)
            {
                // Mostly the favourite genre, popular items (low numbers) more often.
                var item = random.NextDouble() < 0.7
                    ? Items.Where(i => i.Categories[0] == Genres[favourite]).ElementAt(random.Next(20))
                    : Items[(int)(Items.Count * random.NextDouble() * random.NextDouble())];
                events.Add(new UserEvent($"r{u}-{k}", $"real-{u}", item.ItemId, EventType.Rating, Start.AddDays(-100), 4));
            }
            users.Add(events);
        }
        Features = ItemFeatures.Build(Items, users);
        Prior = TastePrior.Fit(Features, users, smoothing: 5);
        Popularity = new PopularityTable(Features.UsersPerItem.Select(p => KeyValuePair.Create(p.Key, (double)p.Value)));
    }

    public List<CatalogItem> Items { get; }

    public ItemFeatures Features { get; }

    public TastePrior Prior { get; }

    public PopularityTable Popularity { get; }

    public static ClosedLoopOptions Loop(int seed, int users = 150) => new() { Users = users, Days = 40, ArrivalDays = 10, Seed = seed, ListSize = 8, Start = Start };

    /// <summary>One run through the real service with <paramref name="options"/> and <paramref name="model"/> (null: no model, fallback path).</summary>
    public Task<Run> ThroughServiceAsync(ClosedLoopOptions loop, RecommendationOptions options, IModelSource? model = null, UserModelOptions? userModel = null) =>
        RunAsync(loop, userModel, (store, clock, catalogue) => new ServicePolicy(new RecommendationService(
            store, model ?? new NoModel(), catalogue, new FixedPopularitySource(Popularity), clock, Options.Create(options), NullLogger<RecommendationService>.Instance)));

    public async Task<Run> RunAsync(ClosedLoopOptions loop, UserModelOptions? userModel, Func<InMemoryProfileStore, SimulatedClock, CatalogSnapshotCache, IRecommendationPolicy> policy, IModelRetraining? retraining = null)
    {
        var clock = new SimulatedClock(loop.Start);
        var store = new InMemoryProfileStore();
        var catalog = new InMemoryItemCatalog();
        await catalog.UpsertManyAsync(Items);
        var catalogue = new CatalogSnapshotCache(catalog, clock, Options.Create(new CatalogSnapshotOptions { RefreshInterval = TimeSpan.FromDays(1_000) }), NullLogger<CatalogSnapshotCache>.Instance);
        var ingestion = new EventIngestion(new EventBatchReader(new EventLimits(), clock), new ProfileAggregator(new ProfileLimits()), store, catalog,
            Options.Create(new IngestionOptions()), clock, new Longview.Core.Privacy.UserIdHash(salt: null), NullLogger<EventIngestion>.Instance);
        var simulation = new ClosedLoopSimulation(loop, userModel ?? new UserModelOptions(), Prior, Features, policy(store, clock, catalogue), ingestion, clock, retraining);
        var result = await simulation.RunAsync();
        var asOf = DateOnly.FromDateTime(loop.End.UtcDateTime).AddDays(-1);
        var reports = await new RetentionCalculator(store, new RetentionOptions { Days = [1, 3, 7, 14] }, new RetentionJobOptions(), clock).ComputeAsync(asOf);
        return new Run(result, reports.Daily);
    }

    public sealed record Run(ClosedLoopResult Result, IReadOnlyList<DailyCohortRow> Daily)
    {
        public double Unbounded(int day) => PooledRetention.Rate(Daily, day, unbounded: true) ?? double.NaN;
    }
}
