namespace Longview.Core.Lifecycle.Engagement;

/// <summary>
/// One inferred session: a run of a user's activity events, each less than the session gap after the previous one.
/// <see cref="Start"/> and <see cref="End"/> are its first and last event (UTC); <see cref="Events"/> counts them.
/// </summary>
public readonly record struct Session(DateTimeOffset Start, DateTimeOffset End, int Events)
{
    /// <summary>From first to last event: zero for a session of one event.</summary>
    public TimeSpan Length => End - Start;
}
