using Longview.Core.Lifecycle.Scoring;

namespace Longview.Core.Campaigns;

/// <summary>
/// Whether a user belongs to a campaign's audience, decided on the user's lifecycle as the lifecycle scorer gives it
/// (<see cref="CampaignTargeting.Member"/>: the one scoring that serving and enrolment share). Pure and synchronous:
/// serving asks it on every request of a running campaign, and the enrolment pass asks it for every profile.
/// </summary>
public interface ICampaignAudience
{
    bool Includes(UserLifecycle user);
}
