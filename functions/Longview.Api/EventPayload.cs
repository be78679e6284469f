namespace Longview.Api;

/// <summary>The wire shape of one event (DESIGN.md event contract), for the OpenAPI document; the body is read by Core's batch reader.</summary>
public sealed record EventPayload(
    string EventId,
    string UserId,
    string? ItemId,
    string Type,
    DateTimeOffset Timestamp,
    double? Value = null,
    string? RecommendationId = null,
    IReadOnlyDictionary<string, string>? Context = null);
