namespace Longview.Core.Campaigns;

/// <summary>
/// One enrolment pass: profiles scanned and today's audience by arm (users already entered count again; their entry
/// time does not change). Nothing happens outside the campaign's window (<see cref="Running"/> false).
/// </summary>
public sealed record CampaignEnrolmentReport(string CampaignId, DateTimeOffset RanAt, bool Running, long Scanned, long Treatment, long Holdout);
