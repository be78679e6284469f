namespace Longview.Core.Lifecycle.Engagement;

/// <summary>
/// Engagement of one first-seen cohort ("yyyy-MM" or "all") over the engagement window: its users with a session starting
/// in the window, their sessions, mean session length (first to last event) and events per session.
/// </summary>
public sealed record EngagementCohortRow(
    string Cohort,
    long Users,
    long Sessions,
    double SessionsPerUser,
    double MeanSessionMinutes,
    double EventsPerSession);
