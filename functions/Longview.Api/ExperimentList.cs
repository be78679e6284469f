namespace Longview.Api;

/// <summary>The answer of GET /api/experiments.</summary>
public sealed record ExperimentList(IReadOnlyList<ExperimentSummary> Experiments);
