namespace Longview.Api;

/// <summary>
/// Readiness: <c>ready</c>, <c>degraded</c> (serving with less than designed: an older model, the fallback, stale
/// reports) or <c>unavailable</c> (the profile store fails), with every component and its reason.
/// </summary>
public sealed record ReadinessResponse(string Status, string? Model, IReadOnlyList<ReadinessComponentResponse> Components);

public sealed record ReadinessComponentResponse(string Component, string Status, string Detail);
