using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Campaigns;
using Longview.Core.Experiments;
using Longview.Core.Lifecycle.Members;
using Longview.Core.Lifecycle.Scoring;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Ranking;
using Longview.Core.Retention;
using Longview.Core.Tests.Retention.Jobs;
using Longview.Core.Tests.Support;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Experiments;

public sealed class CampaignTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CampaignDefinition Campaign(double holdout = 0.1) => new()
    {
        Id = "winback",
        Start = Start,
        End = Start.AddDays(30),
        HoldoutShare = holdout,
        Audience = new CampaignAudienceOptions { Segments = ["at_risk", "dormant"], MinChurnRisk = 0.5 },
        Treatment = new CampaignTreatment { Weights = new RankingWeights { ExplorationShare = 0.4 } },
    };

    /// <summary>Active on each of <paramref name="daysAgo"/> days before <paramref name="today"/>.</summary>
    private static UserProfile Profile(string userId, DateOnly today, params int[] daysAgo)
    {
        var profile = new UserProfile { UserId = userId };
        foreach (var d in daysAgo)
        {
            profile.ActiveDays.Add(today.AddDays(-d));
        }
        return profile;
    }

    private static CampaignTargeting Targeting(TimeProvider time, params CampaignDefinition[] campaigns) =>
        new(Options.Create(new CampaignOptions { Definitions = [.. campaigns] }), new LifecycleAudienceProvider(),
            new LifecycleReader(new InMemoryBlobStore(), new InMemoryProfileStore(), new RetentionOptions(), new LifecycleJobOptions(), time), time);

    [Fact]
    public void The_holdout_is_the_configured_share_and_independent_of_an_experiment_with_the_same_id()
    {
        var campaign = Campaign(0.1);
        var held = Enumerable.Range(0, 20_000).Count(i => CampaignArm.Of(campaign, $"u{i}") == CampaignArm.Holdout);

        // 20,000 draws of 10%: the standard deviation is 42 users.
        Assert.InRange(held, 2_000 - 170, 2_000 + 170);
        Assert.NotEqual(campaign.EffectiveSalt, campaign.Id);
    }

    [Fact]
    public void Only_running_campaigns_target_users_in_their_audience_and_only_the_treated_get_the_override()
    {
        var campaign = Campaign(0.5);
        campaign.Audience.MinChurnRisk = 0.3;
        var now = Start.AddDays(1);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var targeting = Targeting(new FixedTimeProvider(now), campaign);
        var treated = Enumerable.Range(0, 50).Select(i => $"u{i}").First(u => CampaignArm.Of(campaign, u) == CampaignArm.Treatment);
        var held = Enumerable.Range(0, 50).Select(i => $"u{i}").First(u => CampaignArm.Of(campaign, u) == CampaignArm.Holdout);
        // Last active 20 days ago after a single visit: at risk, with a recency/frequency risk above the floor.
        var atRisk = Profile(treated, today, 20);
        Assert.Equal("at_risk", targeting.Member(atRisk, today)!.Segment);
        Assert.InRange(targeting.Member(atRisk, today)!.ChurnRisk, 0.3, 1);

        var (assignments, weights) = targeting.Target(atRisk, now);
        Assert.Equal("campaign:winback", Assert.Single(assignments).ExperimentId);
        Assert.Same(campaign.Treatment.Weights, weights);

        var holdout = targeting.Target(Profile(held, today, 20), now);
        Assert.Equal(CampaignArm.Holdout, Assert.Single(holdout.Assignments).Variant);
        Assert.Null(holdout.Weights);

        Assert.Empty(targeting.Target(Profile(treated, today, 0, 1, 2), now).Assignments);
        Assert.Empty(targeting.Target(atRisk, campaign.End).Assignments);
    }

    [Fact]
    public void An_audience_can_name_rfm_tiers_and_value_at_risk_and_predicted_value_bands_of_the_lifecycle_scoring()
    {
        var audience = new LifecycleAudience(new CampaignAudienceOptions
        {
            RfmTiers = ["cant_lose", "rfm_at_risk"],
            MinValueAtRisk = 10,
            MaxValueAtRisk = 100,
            MinPredictedValue = 50,
        });
        UserLifecycle User(string tier, double predicted, double risk) => new(
            "u", new DateOnly(2026, 1, 1), "at_risk", risk, "rf", true, [], 0.5, "purchases", 365, 2, predicted, predicted * risk, 0,
            new RfmView(1, 5, 5, tier), null, 10, 20, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 12), null);

        Assert.True(audience.Includes(User("cant_lose", 80, 0.5)));
        Assert.True(audience.Includes(User("at_risk", 80, 0.5)));
        Assert.False(audience.Includes(User("champions", 80, 0.5)));    // tier
        Assert.False(audience.Includes(User("cant_lose", 80, 0.1)));    // value at risk 8 < 10
        Assert.False(audience.Includes(User("cant_lose", 400, 0.5)));   // value at risk 200 > 100
        Assert.False(audience.Includes(User("cant_lose", 40, 0.9)));    // predicted value 40 < 50
    }

    /// <summary>
    /// Enrolment (a pass over every profile) and serving (one request) decide membership with the same function, so
    /// whatever the users' histories and the audience, the users enrolment enters are exactly those serving targets.
    /// </summary>
    [Property(MaxTest = 40)]
    public Property Enrolment_and_serving_give_every_user_the_same_answer(int seed, byte stageMask, byte riskFloor)
    {
        var random = new Random(seed);
        var stages = new[] { "new", "active", "reactivated", "at_risk", "dormant", "churned" };
        var campaign = Campaign(0.3);
        campaign.Audience = new CampaignAudienceOptions
        {
            Segments = [.. stages.Where((_, i) => (stageMask >> i & 1) == 1)],
            MinChurnRisk = riskFloor % 100 / 100.0,
        };
        var now = Start.AddDays(3).AddHours(random.Next(24));
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var time = new FixedTimeProvider(now);
        var profiles = new InMemoryProfileStore();
        var users = Enumerable.Range(0, 60).Select(i => Profile($"u{i}", today,
            [.. Enumerable.Range(0, random.Next(1, 12)).Select(_ => random.Next(0, 200)).Distinct()])).ToList();
        profiles.WriteManyAsync([.. users.Select(p => new ProfileWrite(p, null))]).GetAwaiter().GetResult();
        var targeting = Targeting(time, campaign);
        var log = new ExposureList();

        new CampaignEnrolment(profiles, targeting, log, time).EnrolAsync(campaign).GetAwaiter().GetResult();
        targeting.RefreshAsync().GetAwaiter().GetResult();
        var served = users.Where(u => targeting.Target(u, now).Assignments.Any(a => a.ExperimentId == campaign.LogKey)).Select(u => u.UserId);

        return (log.Entries.Select(e => e.UserId).Order().SequenceEqual(served.Order())
                && log.Entries.All(e => e.Variant == CampaignArm.Of(campaign, e.UserId)))
            .Label($"enrolled {log.Entries.Count}, segments [{string.Join(",", campaign.Audience.Segments)}], min risk {campaign.Audience.MinChurnRisk}");
    }

    [Fact]
    public void Validation_names_the_setting_and_the_reason_and_shares_the_experiment_rules()
    {
        var noHoldout = Campaign(0);
        var badBand = Campaign();
        badBand.Id = "band";
        badBand.Audience.MinChurnRisk = 0.9;
        badBand.Audience.MaxChurnRisk = 0.2;
        badBand.Audience.Segments = ["AtRisk"];
        badBand.Audience.RfmTiers = ["whales"];
        badBand.Audience.MinValueAtRisk = 50;
        badBand.Audience.MaxValueAtRisk = 5;
        var badWeights = Campaign();
        badWeights.Id = "weights";
        badWeights.Treatment.Weights = new RankingWeights { Novelty = double.NaN };
        badWeights.Audience.MinPredictedValue = double.PositiveInfinity;
        var infiniteFatigue = Campaign();
        infiniteFatigue.Id = "fatigue";
        infiniteFatigue.Treatment.Weights = new RankingWeights { Fatigue = double.NegativeInfinity };

        var problems = CampaignOptionsValidation.Problems(new CampaignOptions { Definitions = [noHoldout, badBand, badWeights, infiniteFatigue] }).ToList();

        Assert.Contains(problems, p => p.StartsWith("Longview:Campaigns:Definitions:0:HoldoutShare: must be in (0, 1)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Longview:Campaigns:Definitions:1:Audience: MinChurnRisk", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Longview:Campaigns:Definitions:1:Audience:Segments: 'AtRisk' is not a lifecycle segment", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Longview:Campaigns:Definitions:1:Audience:RfmTiers: 'whales' is not an RFM tier", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Longview:Campaigns:Definitions:1:Audience: MinValueAtRisk (50) must not exceed MaxValueAtRisk (5)", StringComparison.Ordinal));
        Assert.Contains("Longview:Campaigns:Definitions:2:Treatment:Weights:Novelty: must be a finite number, was NaN", problems);
        Assert.Contains(problems, p => p.StartsWith("Longview:Campaigns:Definitions:2:Audience: MinPredictedValue and MaxPredictedValue must be finite", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Longview:Campaigns:Definitions:3:Treatment:Weights:Fatigue: must be a finite number", StringComparison.Ordinal));
        Assert.Empty(CampaignOptionsValidation.Problems(new CampaignOptions { Definitions = [Campaign()] }));
    }

    /// <summary>An exposure log in memory, first write wins.</summary>
    private sealed class ExposureList : IExperimentExposureLog
    {
        public List<ExperimentExposure> Entries { get; } = [];

        public Task RecordAsync(IReadOnlyList<ExperimentExposure> exposures, CancellationToken cancellationToken = default)
        {
            foreach (var e in exposures.Where(e => !Entries.Any(x => x.ExperimentId == e.ExperimentId && x.UserId == e.UserId)))
            {
                Entries.Add(e);
            }
            return Task.CompletedTask;
        }

        public IAsyncEnumerable<ExperimentExposure> ScanAsync(string experimentId, CancellationToken cancellationToken = default) =>
            Entries.Where(e => e.ExperimentId == experimentId).ToAsyncEnumerable();

        public Task<ExposurePage> ReadPageAsync(string experimentId, string variant, string? cursor, int limit, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
