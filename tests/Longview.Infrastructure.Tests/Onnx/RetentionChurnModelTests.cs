using System.Runtime.CompilerServices;
using Longview.Core.Events;
using Longview.Core.Lifecycle;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;
using Longview.Core.Serving.Churn;
using Longview.Infrastructure.Onnx;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Onnx;

/// <summary>The retention job's lifecycle segments over a real promoted churn.onnx (built by make_tiny_model.py).</summary>
public sealed class RetentionChurnModelTests(TinyModels models) : IClassFixture<TinyModels>
{
    private static readonly DateOnly AsOf = new(2026, 11, 19);

    [TorchFact]
    public async Task The_job_splits_recently_active_users_by_the_promoted_churn_model_and_names_its_version()
    {
        var store = new InMemoryBlobStore();
        await models.UploadAsync(store, "v1");
        await TinyModels.PromoteAsync(store, "v1");
        using var provider = new OnnxModelProvider(store, TimeProvider.System, Options.Create(new OnnxModelOptions()), NullLogger<OnnxModelProvider>.Instance);
        Assert.Equal(ModelRefreshOutcome.Loaded, await provider.RefreshAsync(default));
        var profiles = Enumerable.Range(0, 30).Select(RecentlyActiveUser).ToList();

        // Risks straight from the model, features as of the report day; the threshold is their median so both sides are populated.
        var risks = new List<double>();
        using (var lease = provider.Acquire()!)
        {
            foreach (var profile in profiles)
            {
                var features = new float[lease.ChurnFeatures.Count];
                ChurnFeatures.Fill(profile, AsOf, lease.ChurnFeatures, features);
                risks.Add(lease.PredictChurn(features));
            }
        }
        var sorted = risks.Order().ToList();
        Assert.True(sorted[0] < sorted[^1], $"the tiny model gives every user the same risk ({sorted[0]}); the test needs a spread");
        var threshold = sorted[sorted.Count / 2];
        var options = new RetentionOptions();
        options.Lifecycle.ChurnRiskThreshold = threshold;
        var job = new RetentionJobOptions { DailyCohortDays = 90, CohortMonths = 3, ActivityDays = 30 };
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero));

        var withModel = await new RetentionCalculator(new ListedProfiles(profiles), options, job, clock, new ModelChurnRiskSource(provider, options)).ComputeAsync(AsOf);
        var withoutModel = await new RetentionCalculator(new ListedProfiles(profiles), options, job, clock).ComputeAsync(AsOf);

        Assert.Equal("v1", withModel.Segments.ChurnRiskSource);
        Assert.Equal(risks.Count(r => r > threshold), withModel.Segments.AtRisk);
        Assert.Equal(risks.Count(r => r <= threshold), withModel.Segments.Active);
        Assert.InRange(withModel.Segments.AtRisk, 1, profiles.Count - 1);
        // The transparent score calls none of these steady users at risk: the split above is the model's.
        Assert.Equal("recency-frequency", withoutModel.Segments.ChurnRiskSource);
        Assert.Equal(profiles.Count, withoutModel.Segments.Active);
    }

    /// <summary>
    /// Active within the last week, seen for longer than a week, never away long enough to count as reactivated;
    /// how often and how much each user is active varies so the model's features (and risks) differ.
    /// </summary>
    private static UserProfile RecentlyActiveUser(int i)
    {
        var profile = ProfileAggregator.NewProfile($"u{i}");
        var aggregator = new ProfileAggregator(new ProfileLimits());
        var lastActive = AsOf.AddDays(-(i % 7));
        var firstSeen = lastActive.AddDays(-(10 + (i * 4)));
        var step = 1 + (i % 5);
        var n = 0;
        for (var day = firstSeen; day <= lastActive; day = day.AddDays(step))
        {
            for (var k = 0; k <= i % 3; k++)
            {
                var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, k)), TimeSpan.Zero);
                aggregator.Apply(profile, new UserEvent($"e{i}-{n++}", profile.UserId, $"item-{n % 17}", EventType.View, at), ["c"]);
            }
        }
        if (profile.ActiveDays.Last != lastActive)
        {
            aggregator.Apply(profile, new UserEvent($"e{i}-{n++}", profile.UserId, "item-0", EventType.View, new DateTimeOffset(lastActive.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero)), ["c"]);
        }
        return profile;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class ListedProfiles(IReadOnlyList<UserProfile> profiles) : IProfileStore
    {
        public Task<StoredProfile?> GetAsync(string userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, StoredProfile>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task RecordErasureAsync(Longview.Core.Erasure.ErasureRecord erasure, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetErasuresAsync(IReadOnlyCollection<string> userIdHashes, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(new Dictionary<string, DateTimeOffset>());

        public async IAsyncEnumerable<UserProfile> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            foreach (var profile in profiles)
            {
                yield return profile;
            }
        }
    }
}
