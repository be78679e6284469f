using Longview.Core.Experiments;
using Longview.Core.Lifecycle;
using Longview.Core.Profiles;
using Longview.Core.Ranking;
using Microsoft.Extensions.Options;

namespace Longview.Core.Campaigns;

/// <summary>
/// The campaigns' side of serving: for a user in a running campaign's audience, the arm (shown in the list as
/// <c>campaign:{id}</c>) and, for the treated, the ranking override. Invariant: the arm depends only on the campaign's
/// salt and the user id, so enrolment, serving and the members export agree on it.
/// </summary>
public sealed class CampaignTargeting(IOptions<CampaignOptions> options, ICampaignAudienceProvider audiences)
{
    private readonly IReadOnlyList<(CampaignDefinition Campaign, ICampaignAudience Audience)> _campaigns =
        [.. options.Value.Definitions.Select(c => (c, audiences.For(c)))];

    public IReadOnlyList<CampaignDefinition> Definitions => [.. _campaigns.Select(c => c.Campaign)];

    public CampaignDefinition? Find(string campaignId) => _campaigns.FirstOrDefault(c => c.Campaign.Id == campaignId).Campaign;

    public ICampaignAudience AudienceOf(CampaignDefinition campaign) => _campaigns.First(c => c.Campaign == campaign).Audience;

    /// <summary>The assignments of the running campaigns whose audience includes the user, and the first treated override.</summary>
    public (IReadOnlyList<ExperimentAssignment> Assignments, RankingWeights? Weights) Target(
        UserProfile? profile, DateTimeOffset now, LifecycleSegment segment, double churnRisk)
    {
        if (_campaigns.Count == 0 || profile is null)
        {
            return ([], null);
        }
        List<ExperimentAssignment>? assignments = null;
        RankingWeights? weights = null;
        var member = new AudienceMember(profile, DateOnly.FromDateTime(now.UtcDateTime), segment, churnRisk);
        foreach (var (campaign, audience) in _campaigns)
        {
            if (!campaign.IsRunningAt(now) || !audience.Includes(member))
            {
                continue;
            }
            var arm = CampaignArm.Of(campaign, profile.UserId);
            (assignments ??= []).Add(new ExperimentAssignment(campaign.LogKey, arm));
            if (arm == CampaignArm.Treatment)
            {
                weights ??= campaign.Treatment.Weights;
            }
        }
        return (assignments ?? [], weights);
    }
}
