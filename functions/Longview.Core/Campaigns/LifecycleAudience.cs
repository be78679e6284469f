using Longview.Core.Serving.Segments;

namespace Longview.Core.Campaigns;

/// <summary>The audience of <see cref="CampaignAudienceOptions"/>: today's lifecycle segment and a churn-risk band.</summary>
public sealed class LifecycleAudience(CampaignAudienceOptions options) : ICampaignAudience
{
    public bool Includes(AudienceMember member) =>
        member.Profile.HasActivity
        && (options.Segments.Count == 0 || options.Segments.Contains(member.Segment.ToWireName(), StringComparer.Ordinal))
        && member.ChurnRisk >= options.MinChurnRisk && member.ChurnRisk <= options.MaxChurnRisk;
}
