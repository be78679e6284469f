namespace Longview.Core.Profiles;

/// <summary>What applying one event did to a profile.</summary>
public enum EventOutcome
{
    Applied,

    /// <summary>The eventId was already applied; the profile is unchanged.</summary>
    Duplicate,

    /// <summary>
    /// The event is older than every eventId the full dedup record still remembers, so whether it was applied before
    /// cannot be known: it is refused (reported to the producer), never silently dropped or double counted.
    /// </summary>
    BeyondDedupHorizon,

    /// <summary>
    /// The event is at or before the user's erasure (<see cref="UserProfile.ErasedAt"/>): data from before an erasure
    /// is never applied again, whenever it arrives. The profile is unchanged.
    /// </summary>
    Erased,
}
