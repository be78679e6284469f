namespace Longview.Core.Health;

/// <summary>
/// Checks one component for <see cref="ReadinessService"/>. An exception or a check that outlives
/// <see cref="ReadinessOptions.CheckTimeout"/> counts as <see cref="WhenFailing"/>, with the exception's message.
/// </summary>
public interface IReadinessCheck
{
    string Component { get; }

    /// <summary>What a failing check means for the instance.</summary>
    Readiness WhenFailing { get; }

    Task<ComponentReadiness> CheckAsync(CancellationToken cancellationToken);
}
