using Longview.Core.Events;

namespace Longview.Core.Serving.Exclusions;

public sealed class ExclusionOptions
{
    /// <summary>
    /// Event types that mean the user is done with an item, so it is never recommended again. Views and impressions
    /// are not here: seeing an item is not consuming it (impressions feed fatigue instead).
    /// </summary>
    public HashSet<EventType> ConsumedTypes { get; set; } =
        [EventType.Click, EventType.Purchase, EventType.Rating, EventType.Like, EventType.Dislike, EventType.Share];

    /// <summary>Decayed impressions without engagement at which an item is withheld.</summary>
    public double FatigueThreshold { get; set; } = 3;

    /// <summary>An impression counts half as much toward fatigue after this long.</summary>
    public TimeSpan FatigueHalfLife { get; set; } = TimeSpan.FromDays(3);
}
