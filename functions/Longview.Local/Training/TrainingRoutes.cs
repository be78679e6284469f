using Longview.Api;
using Longview.Core.Training.Runs;
using Longview.Local.Api;

namespace Longview.Local.Training;

/// <summary><c>POST /api/training/runs</c> (202 + status URL), <c>GET /api/training/runs</c> (a page) and <c>GET /api/training/runs/{runId}</c>; the answers are <see cref="TrainingRunsEndpoint"/>'s.</summary>
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

        api.MapGet("/training/runs", (HttpRequest request, TrainingRuns runs, CancellationToken ct) => TrainingRunsEndpoint.ListAsync(request, runs, ct))
            .WithName("ListTrainingRuns")
            .WithSummary("Training runs, newest first, a page at a time: status, times, candidate version and reason of each, with a link to its full record.")
            .WithDescription("`limit` (1..100, default 20) runs per page; follow `next` (it carries `before`, the last run id of this page) for older runs; `next` is null on the last page.")
            .Produces<TrainingRunList>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

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
