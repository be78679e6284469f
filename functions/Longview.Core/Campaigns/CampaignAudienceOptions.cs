namespace Longview.Core.Campaigns;

/// <summary>
/// Who a campaign targets, in the terms of the lifecycle job's per-user scoring (<c>GET /api/users/{id}/lifecycle</c>
/// and the segment member lists): any of <see cref="Segments"/> (lifecycle stages), any of <see cref="RfmTiers"/>, and
/// churn risk, value at risk and predicted value within their bands. An empty list or an absent bound does not filter.
/// </summary>
public sealed class CampaignAudienceOptions
{
    /// <summary>Lifecycle stage wire names as the API writes them: new, active, reactivated, at_risk, dormant, churned.</summary>
    public List<string> Segments { get; set; } = [];

    /// <summary>RFM tiers as the lifecycle route names them (<c>cant_lose</c>) or as segments do (<c>rfm_cant_lose</c>).</summary>
    public List<string> RfmTiers { get; set; } = [];

    public double MinChurnRisk { get; set; }

    public double MaxChurnRisk { get; set; } = 1;

    /// <summary>Value at risk (predicted value × churn risk, in the lifecycle model's value basis) at least this.</summary>
    public double? MinValueAtRisk { get; set; }

    public double? MaxValueAtRisk { get; set; }

    /// <summary>Predicted value over the lifecycle model's horizon at least this.</summary>
    public double? MinPredictedValue { get; set; }

    public double? MaxPredictedValue { get; set; }
}
