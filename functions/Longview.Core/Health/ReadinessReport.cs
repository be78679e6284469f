namespace Longview.Core.Health;

/// <summary>The instance's readiness: the worst of its components, and each component with its reason.</summary>
public sealed record ReadinessReport(Readiness Readiness, IReadOnlyList<ComponentReadiness> Components)
{
    public static ReadinessReport Of(IReadOnlyList<ComponentReadiness> components) =>
        new(components.Count == 0 ? Readiness.Ready : components.Max(c => c.Readiness), components);
}
