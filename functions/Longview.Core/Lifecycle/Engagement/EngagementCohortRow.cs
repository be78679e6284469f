namespace Longview.Core.Lifecycle.Engagement;

/// <summary>Engagement of one first-seen cohort ("yyyy-MM" or "all") over the window the profiles keep.</summary>
public sealed record EngagementCohortRow(
    string Cohort,
    long Users,
    long Sessions,
    double SessionsPerUser,
    double MeanSessionMinutes,
    double EventsPerSession);
