namespace Longview.Core.Campaigns;

/// <summary>What one daily enrolment did: a report per configured campaign (not running ones say so).</summary>
public sealed record CampaignEnrolmentDay(string AsOf, IReadOnlyList<CampaignEnrolmentReport> Campaigns);
