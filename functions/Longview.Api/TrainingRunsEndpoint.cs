using System.Globalization;
using Longview.Core.Training.Runs;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>
/// POST /api/training/runs (202 + status URL), GET /api/training/runs (a page, newest first: <c>?limit=</c> 1..100,
/// default 20, <c>?before=</c> the cursor a page's <c>next</c> link carries) and GET /api/training/runs/{runId}; the
/// host's launcher starts the run.
/// </summary>
public static class TrainingRunsEndpoint
{
    public static async Task<IResult> StartAsync(HttpRequest request, TrainingRuns runs, CancellationToken cancellationToken)
    {
        if (JsonMediaTypes.Require(request) is { } unsupported)
        {
            return unsupported;
        }
        var run = await runs.StartAsync("api", null, cancellationToken).ConfigureAwait(false);
        var statusUrl = $"{request.PathBase}/api/training/runs/{run.RunId}";
        return TypedResults.Accepted(statusUrl, new TrainingRunAccepted(run.RunId, run.Status, statusUrl));
    }

    public static async Task<IResult> ListAsync(HttpRequest request, TrainingRuns runs, CancellationToken cancellationToken)
    {
        if (PageLimit.Read(request, TrainingRunPage.DefaultLimit, TrainingRunPage.MaxLimit, out var limitProblem) is not { } limit)
        {
            return limitProblem!;
        }
        var before = request.Query["before"] is { Count: > 0 } beforeText ? beforeText.ToString() : null;
        if (before is not null && !TrainingRunIds.IsValid(before))
        {
            return Problems.InvalidParameter("before", $"'{before}' is not a training run id (the cursor of a page's next link)");
        }
        var page = await runs.ListAsync(limit, before, cancellationToken).ConfigureAwait(false);
        var pathBase = request.PathBase.ToString();
        var next = page.NextBefore is { } cursor
            ? $"{pathBase}/api/training/runs?limit={limit.ToString(CultureInfo.InvariantCulture)}&before={Uri.EscapeDataString(cursor)}"
            : null;
        return TypedResults.Ok(new TrainingRunList([.. page.Runs.Select(r => TrainingRunSummary.From(r, pathBase))], next));
    }

    public static async Task<IResult> GetAsync(HttpRequest request, TrainingRuns runs, CancellationToken cancellationToken)
    {
        var runId = PathIds.Read(request, "runId", fromEnd: 1);
        if (runId.Problem is { } invalid)
        {
            return invalid;
        }
        return await runs.GetAsync(runId.Value, cancellationToken).ConfigureAwait(false) is { } run
            ? TypedResults.Ok(run)
            : Problems.NotFound("Unknown training run", $"There is no training run '{runId.Value}'.");
    }
}
