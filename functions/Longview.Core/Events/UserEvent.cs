namespace Longview.Core.Events;

/// <summary>
/// One validated behaviour event. <see cref="Timestamp"/> keeps the producer's offset; all day and month
/// arithmetic uses its UTC value.
/// </summary>
public sealed record UserEvent(
    string EventId,
    string UserId,
    string? ItemId,
    EventType Type,
    DateTimeOffset Timestamp,
    double? Value = null,
    string? RecommendationId = null,
    IReadOnlyDictionary<string, string>? Context = null);
