using Longview.Core.Events;

namespace Longview.Core.Profiles;

/// <summary>
/// The feature store record for one user, built only from events by <c>ProfileAggregator</c>.
/// Serving, training snapshots and retention read it; nothing else writes it.
/// </summary>
public sealed class UserProfile
{
    public required string UserId { get; init; }

    public DateTimeOffset? FirstSeen { get; set; }

    public DateTimeOffset? LastSeen { get; set; }

    /// <summary>Most recent item events, oldest first, newest last (bounded).</summary>
    public List<RecentEvent> Recent { get; set; } = [];

    /// <summary>UTC days on which the user did anything (bounded horizon).</summary>
    public ActiveDays ActiveDays { get; set; } = new();
}

/// <summary>One entry of the recent item sequence.</summary>
public sealed record RecentEvent(string ItemId, DateTimeOffset Timestamp, EventType Type, double? Value = null);
