using Longview.Core.Lifecycle.Scoring;

namespace Longview.Core.Campaigns;

/// <summary>
/// The audience of <see cref="CampaignAudienceOptions"/>: lifecycle stage, RFM tier, and the churn-risk, value-at-risk
/// and predicted-value bands of the user's lifecycle scoring.
/// </summary>
public sealed class LifecycleAudience(CampaignAudienceOptions options) : ICampaignAudience
{
    public bool Includes(UserLifecycle user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (options.Segments.Count == 0 || options.Segments.Contains(user.Segment, StringComparer.Ordinal))
            && (options.RfmTiers.Count == 0
                || options.RfmTiers.Contains(user.Rfm.Tier, StringComparer.Ordinal)
                || options.RfmTiers.Contains(SegmentNames.Rfm(user.Rfm.Tier), StringComparer.Ordinal))
            && user.ChurnRisk >= options.MinChurnRisk && user.ChurnRisk <= options.MaxChurnRisk
            && Within(user.ValueAtRisk, options.MinValueAtRisk, options.MaxValueAtRisk)
            && Within(user.PredictedValue, options.MinPredictedValue, options.MaxPredictedValue);
    }

    private static bool Within(double value, double? min, double? max) =>
        (min is not { } lo || value >= lo) && (max is not { } hi || value <= hi);
}
