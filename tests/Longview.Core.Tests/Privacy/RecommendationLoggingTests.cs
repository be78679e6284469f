using Longview.Core.Serving.Popularity;
using Longview.Core.Privacy;
using Longview.Core.Serving;
using Longview.Core.Serving.Catalog;
using Longview.Core.Tests.Ranking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Privacy;

/// <summary>The recommendation service names users in its logs (the model-failure error, the debug line) only by hash.</summary>
public sealed class RecommendationLoggingTests
{
    private const string User = "zq-user-5d1e";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failing_model_is_logged_with_the_users_hash_not_their_id(bool salted)
    {
        var world = new ServingWorld(seed: 3);
        var profile = world.Profile(User, events: 30, seed: 4);
        var broken = new HashModel("m-broken", world.Items.Select(i => i.ItemId).ToList(), churn: 0.9f, broken: true);
        var logs = new ListLogger();
        var hash = salted ? new UserIdHash("salt") : null;
        var service = new RecommendationService(
            new MemoryProfiles([profile]), broken,
            new CatalogSnapshotCache(new MemoryCatalog(world.Items), world.Time, Options.Create(new CatalogSnapshotOptions()), NullLogger<CatalogSnapshotCache>.Instance),
            new FixedPopularitySource(world.Popularity), world.Time, Options.Create(world.Options), logs, hash);

        await service.RecommendAsync(User, new RecommendationRequest(5));

        var errors = logs.Entries.Where(e => e.Level == LogLevel.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, error => Assert.Contains((hash ?? new UserIdHash(salt: null)).Of(User), error.Message));
        Assert.All(logs.Entries, e => Assert.DoesNotContain(User, e.Message + string.Join(",", e.Values)));
    }

    private sealed class ListLogger : ILogger<RecommendationService>
    {
        public List<(LogLevel Level, string Message, IReadOnlyList<string> Values)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception),
                state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.Select(p => p.Value?.ToString() ?? "").ToArray() : []));
    }
}
