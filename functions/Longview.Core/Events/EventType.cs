namespace Longview.Core.Events;

/// <summary>The behaviour event types of the event contract (DESIGN.md). Wire names are snake_case.</summary>
public enum EventType
{
    View,
    Click,
    Purchase,
    Rating,
    Like,
    Dislike,
    Share,
    Impression,
    SessionStart,
}

public static class EventTypes
{
    private static readonly string[] WireNames =
        ["view", "click", "purchase", "rating", "like", "dislike", "share", "impression", "session_start"];

    public static IReadOnlyList<string> All => WireNames;

    public static string ToWireName(this EventType type) => WireNames[(int)type];

    public static bool TryParse(ReadOnlySpan<char> wireName, out EventType type)
    {
        for (var i = 0; i < WireNames.Length; i++)
        {
            if (wireName.SequenceEqual(WireNames[i]))
            {
                type = (EventType)i;
                return true;
            }
        }
        type = default;
        return false;
    }

    /// <summary>An event that shows the user actively engaged with the item (ends impression fatigue).</summary>
    public static bool IsEngagement(this EventType type) =>
        type is EventType.Click or EventType.Purchase or EventType.Rating or EventType.Like or EventType.Share;

    /// <summary>Every type but session_start names an item.</summary>
    public static bool RequiresItem(this EventType type) => type != EventType.SessionStart;
}
