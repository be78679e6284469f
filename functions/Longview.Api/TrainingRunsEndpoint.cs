using Longview.Core.Training.Runs;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>POST /api/training/runs (202 + status URL) and GET /api/training/runs/{runId}; the host's launcher starts the run.</summary>
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
