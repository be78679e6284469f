namespace Longview.Core.Serving;

/// <summary>
/// One recommendation request. <paramref name="RecommendationId"/> is normally left null (the service makes one);
/// passing it replays a request: same profile, model and id give the same list.
/// </summary>
public sealed record RecommendationRequest(
    int Count = 10,
    bool Explain = false,
    IReadOnlyList<string>? Exclude = null,
    string? Category = null,
    string? RecommendationId = null);

/// <summary>
/// The answer of <c>GET /api/users/{userId}/recommendations</c>. <paramref name="Experiments"/> lists the user's variant
/// in every experiment running when the list was made (absent when none runs).
/// </summary>
public sealed record Recommendation(
    string UserId,
    string RecommendationId,
    string ModelVersion,
    string Segment,
    IReadOnlyList<RecommendedItem> Items,
    IReadOnlyList<Experiments.ExperimentAssignment>? Experiments = null)
{
    /// <summary>Why each item is in the list, by position (what outcome reports group by); not part of the answer.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<Outcomes.ReasonType>? ReasonTypes { get; init; }
}

public sealed record RecommendedItem(string ItemId, double Score, string? Reason = null);

/// <summary>A request parameter out of its limits: hosts answer 400 problem+json naming <see cref="Parameter"/>.</summary>
public sealed class InvalidRecommendationRequestException(string parameter, string reason)
    : ArgumentException($"{parameter}: {reason}", parameter)
{
    public string Parameter { get; } = parameter;

    public string Reason { get; } = reason;
}
