using Longview.Core.Experiments;

namespace Longview.Api;

/// <summary>An experiment as configured, with its status now: scheduled, running or ended.</summary>
public sealed record ExperimentSummary(
    string Id,
    string? Description,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Status,
    string Control,
    IReadOnlyList<ExperimentVariant> Variants)
{
    public static ExperimentSummary Of(ExperimentDefinition definition, DateTimeOffset now) =>
        new(definition.Id, definition.Description, definition.Start, definition.End,
            now < definition.Start ? "scheduled" : now < definition.End ? "running" : "ended",
            definition.Control, definition.Variants);
}
