using Longview.Core.Campaigns;
using Longview.Core.Lifecycle;
using Longview.Core.Profiles;
using Longview.Core.Ranking;
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

    private static UserProfile Active(string userId)
    {
        var profile = new UserProfile { UserId = userId };
        profile.ActiveDays.Add(new DateOnly(2025, 12, 1));
        return profile;
    }

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
        var targeting = new CampaignTargeting(Options.Create(new CampaignOptions { Definitions = [campaign] }), new LifecycleAudienceProvider());
        var treated = Enumerable.Range(0, 50).Select(i => $"u{i}").First(u => CampaignArm.Of(campaign, u) == CampaignArm.Treatment);
        var held = Enumerable.Range(0, 50).Select(i => $"u{i}").First(u => CampaignArm.Of(campaign, u) == CampaignArm.Holdout);
        var now = Start.AddDays(1);

        var (assignments, weights) = targeting.Target(Active(treated), now, LifecycleSegment.AtRisk, 0.7);
        Assert.Equal("campaign:winback", Assert.Single(assignments).ExperimentId);
        Assert.Same(campaign.Treatment.Weights, weights);

        var holdout = targeting.Target(Active(held), now, LifecycleSegment.AtRisk, 0.7);
        Assert.Equal(CampaignArm.Holdout, Assert.Single(holdout.Assignments).Variant);
        Assert.Null(holdout.Weights);

        Assert.Empty(targeting.Target(Active(treated), now, LifecycleSegment.Active, 0.7).Assignments);
        Assert.Empty(targeting.Target(Active(treated), now, LifecycleSegment.AtRisk, 0.3).Assignments);
        Assert.Empty(targeting.Target(Active(treated), campaign.End, LifecycleSegment.AtRisk, 0.7).Assignments);
    }

    [Fact]
    public void Validation_names_the_setting_and_the_reason()
    {
        var noHoldout = Campaign(0);
        var badBand = Campaign();
        badBand.Id = "band";
        badBand.Audience.MinChurnRisk = 0.9;
        badBand.Audience.MaxChurnRisk = 0.2;
        badBand.Audience.Segments = ["AtRisk"];

        var problems = CampaignOptionsValidation.Problems(new CampaignOptions { Definitions = [noHoldout, badBand] }).ToList();

        Assert.Contains(problems, p => p.StartsWith("Longview:Campaigns:Definitions:0:HoldoutShare: must be in (0, 1)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Longview:Campaigns:Definitions:1:Audience: MinChurnRisk", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Longview:Campaigns:Definitions:1:Audience:Segments: 'AtRisk' is not a lifecycle segment", StringComparison.Ordinal));
        Assert.Empty(CampaignOptionsValidation.Problems(new CampaignOptions { Definitions = [Campaign()] }));
    }
}
