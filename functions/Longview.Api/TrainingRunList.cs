using System.Text.Json.Serialization;

namespace Longview.Api;

/// <summary>The answer of GET /api/training/runs: a page of runs, newest first, and the URL of the next (older) page, null on the last.</summary>
public sealed record TrainingRunList(
    IReadOnlyList<TrainingRunSummary> Runs,
    // Written even when null, so a client can tell the last page from an older server without paging.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Next);
