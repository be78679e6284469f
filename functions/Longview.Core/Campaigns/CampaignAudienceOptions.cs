namespace Longview.Core.Campaigns;

/// <summary>
/// Who a campaign targets, in terms of today's lifecycle classification: any of <see cref="Segments"/> (empty: any
/// segment) and a churn risk in [<see cref="MinChurnRisk"/>, <see cref="MaxChurnRisk"/>]. Other audiences (RFM tiers,
/// value-at-risk bands from the lifecycle job) plug in through <see cref="ICampaignAudienceProvider"/>.
/// </summary>
public sealed class CampaignAudienceOptions
{
    /// <summary>Segment wire names as the API writes them: new, active, reactivated, at_risk, dormant, churned.</summary>
    public List<string> Segments { get; set; } = [];

    public double MinChurnRisk { get; set; }

    public double MaxChurnRisk { get; set; } = 1;
}
