namespace Longview.Core.Health;

/// <summary>One component's state and, always, the reason in words (what serves instead, what failed).</summary>
public sealed record ComponentReadiness(string Component, Readiness Readiness, string Detail);
