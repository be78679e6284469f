namespace Longview.Core.Health;

/// <summary>How ready an instance is, from best to worst; a report is as bad as its worst component.</summary>
public enum Readiness
{
    /// <summary>Every component works as designed.</summary>
    Ready,

    /// <summary>Requests are served, but with less than the design promises (an older model, the popularity fallback, stale reports).</summary>
    Degraded,

    /// <summary>Requests cannot be served correctly (the profile store fails): take the instance out of rotation.</summary>
    Unavailable,
}
