namespace Longview.Api;

/// <summary>Liveness; <see cref="Model"/> names the serving model's version, or "fallback" while none is loaded.</summary>
public sealed record HealthResponse(string Status, string? Model);
