namespace Longview.Core.Lifecycle;

/// <summary>Where a user stands on the as-of day; see functions/Longview.Core/Retention/README.md for the rules.</summary>
public enum LifecycleSegment
{
    New,
    Active,
    Reactivated,
    AtRisk,
    Dormant,
    Churned,
}
