namespace Longview.Core.Lifecycle.Engagement;

/// <summary>
/// Engagement on one UTC day: sessions are runs of a user's activity events separated by less than the session gap
/// (a setting); a session belongs to the day it starts on. Lengths are from first to last event of the session.
/// </summary>
public sealed record EngagementDayRow(
    DateOnly Day,
    long ActiveUsers,
    long Sessions,
    double SessionsPerActiveUser,
    double MeanSessionMinutes,
    double MedianSessionMinutes,
    double EventsPerSession);
