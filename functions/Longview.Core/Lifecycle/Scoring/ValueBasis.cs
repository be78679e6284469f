namespace Longview.Core.Lifecycle.Scoring;

/// <summary>What "value" counts: money where the deployment has enough repeat buyers, otherwise expected active days.</summary>
public enum ValueBasis
{
    Purchases,
    ActiveDays,
}
