namespace Longview.Core.Resilience;

/// <summary>
/// Tells a transient failure (worth retrying the same call) from a permanent one. Implemented next to the adapters,
/// which know their SDKs' exceptions; Core only sees the answer.
/// </summary>
public interface ITransientFailureClassifier
{
    /// <summary>True when retrying may succeed; <paramref name="retryAfter"/> carries the service's hint when it gave one.</summary>
    bool IsTransient(Exception exception, out TimeSpan? retryAfter);
}
