using Longview.Core.Training.Runs;
using Longview.Local.Api;

namespace Longview.Local.Training;

/// <summary><c>POST /api/training/runs</c> (202 + status URL) and <c>GET /api/training/runs/{runId}</c>.</summary>
public static class TrainingRoutes
{
    public static void MapTrainingRoutes(this RouteGroupBuilder api)
    {
        api.MapPost("/training/runs", async (HttpRequest request, TrainingRuns runs, CancellationToken ct) =>
            {
                var run = await runs.StartAsync("api", null, ct);
                var statusUrl = $"{request.PathBase}/api/training/runs/{run.RunId}";
                return TypedResults.Accepted(statusUrl, new TrainingRunAccepted(run.RunId, run.Status, statusUrl));
            })
            .WithName("StartTrainingRun")
            .WithSummary("Start a training pipeline run (snapshot, train, evaluate, promote); poll the status URL.")
            .Produces<TrainingRunAccepted>(StatusCodes.Status202Accepted);

        api.MapGet("/training/runs/{runId}", async (string runId, TrainingRuns runs, CancellationToken ct) =>
                await runs.GetAsync(runId, ct) is { } run
                    ? Results.Ok(run)
                    : TypedResults.Problem(title: "Unknown training run", detail: $"There is no training run '{runId}'.", statusCode: StatusCodes.Status404NotFound))
            .WithName("GetTrainingRun")
            .WithSummary("A training run: its steps with times, the metrics of candidate and champion, the decision and its reason.")
            .Produces<TrainingRunRecord>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

public sealed record TrainingRunAccepted(string RunId, TrainingRunStatus Status, string StatusUrl);
