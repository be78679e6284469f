using Longview.Api;
using Longview.Core.Training.Runs;
using Longview.Local.Api;

namespace Longview.Local.Training;

/// <summary><c>POST /api/training/runs</c> (202 + status URL) and <c>GET /api/training/runs/{runId}</c>; the answers are <see cref="TrainingRunsEndpoint"/>'s.</summary>
public static class TrainingRoutes
{
    public static void MapTrainingRoutes(this RouteGroupBuilder api)
    {
        api.MapPost("/training/runs", (HttpRequest request, TrainingRuns runs, CancellationToken ct) => TrainingRunsEndpoint.StartAsync(request, runs, ct))
            .WithName("StartTrainingRun")
            .WithSummary("Start a training pipeline run (snapshot, train, evaluate, promote); poll the status URL.")
            .WithDescription("No body; the request must declare `Content-Type: application/json` (415 otherwise), so that no web page can start runs.")
            .Produces<TrainingRunAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapGet("/training/runs/{runId}", (HttpRequest request, string runId, TrainingRuns runs, CancellationToken ct) =>
                TrainingRunsEndpoint.GetAsync(request, runs, ct))
            .WithName("GetTrainingRun")
            .WithSummary("A training run: its steps with times, the metrics of candidate and champion, the decision and its reason.")
            .WithDescription(PathIdRules.Description)
            .Produces<TrainingRunRecord>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
