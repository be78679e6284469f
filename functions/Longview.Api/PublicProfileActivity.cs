namespace Longview.Api;

/// <summary>
/// How active the user has been: active UTC days (within the profile's window, see ProfileLimits.ActiveDaysWindow),
/// the first and last of them, and sessions (explicit session_start events, and
/// inferred from 30-minute gaps over the activity the profile still remembers).
/// </summary>
public sealed record PublicProfileActivity(
    int ActiveDays,
    DateOnly? FirstActiveDay,
    DateOnly? LastActiveDay,
    long SessionStarts,
    int InferredSessions);
