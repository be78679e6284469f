using Longview.Core.Serving;
using Longview.Core.Serving.Models;

namespace Longview.Core.Health;

/// <summary>
/// Degraded while the promoted model cannot be loaded (the reason says what was refused and what serves instead).
/// No model promoted yet is ready: the popularity fallback is the designed behaviour of a new deployment.
/// </summary>
public sealed class ModelReadinessCheck(IModelSource models, IModelHealthSource? health = null) : IReadinessCheck
{
    public const string Name = "model";

    public string Component => Name;

    public Readiness WhenFailing => Readiness.Degraded;

    public Task<ComponentReadiness> CheckAsync(CancellationToken cancellationToken)
    {
        var current = models.Current;
        var serving = current is null ? $"the popularity fallback ({RecommendationService.FallbackVersion})" : $"model {current.Version}";
        var state = health?.Health ?? ModelHealth.Healthy;
        var result = state switch
        {
            { Fault: { } fault } => new ComponentReadiness(Name, Readiness.Degraded,
                $"{fault} (since {state.FaultSince:u}); serving {serving}"),
            { Withdrawn: { } withdrawn } => new ComponentReadiness(Name, Readiness.Ready, $"{withdrawn}; serving {serving}"),
            _ when current is null => new ComponentReadiness(Name, Readiness.Ready, $"no model promoted; serving {serving}"),
            _ => new ComponentReadiness(Name, Readiness.Ready, $"serving {serving}"),
        };
        return Task.FromResult(result);
    }
}
