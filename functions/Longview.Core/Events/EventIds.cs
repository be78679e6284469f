namespace Longview.Core.Events;

/// <summary>
/// The id rule of the event contract (eventId, userId, itemId, recommendationId): non-empty, bounded, no control
/// characters. The routes apply the same rule to ids in paths, so an id is addressable exactly when an event can carry it.
/// </summary>
public static class EventIds
{
    /// <summary>Why <paramref name="id"/> is not a valid id, or null when it is.</summary>
    public static string? Problem(string id, int maxLength)
    {
        if (id.Length == 0) return "must not be empty";
        if (id.Length > maxLength) return $"has {id.Length} characters; at most {maxLength}";
        // C0, DEL and C1 (U+0080-U+009F): the stores refuse all three as keys, so an id holding one could never be stored.
        if (id.Any(char.IsControl)) return "must not contain control characters";
        return null;
    }
}
