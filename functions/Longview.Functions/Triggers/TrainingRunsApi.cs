using Longview.Api;
using Longview.Core.Training;
using Longview.Core.Training.Runs;
using Longview.Functions.Training;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Longview.Functions.Triggers;

/// <summary>The training run routes: <see cref="TrainingRunsEndpoint"/> over runs launched as Durable orchestrations.</summary>
public sealed class TrainingRunsApi(ITrainingRunStore store, IOptions<TrainingPipelineOptions> options, TimeProvider time)
{
    [Function("StartTrainingRun")]
    public Task<IResult> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "training/runs")] HttpRequest request, [DurableClient] DurableTaskClient client, CancellationToken ct) =>
        TrainingRunsEndpoint.StartAsync(request, Runs(client), ct);

    [Function("ListTrainingRuns")]
    public Task<IResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "training/runs")] HttpRequest request, [DurableClient] DurableTaskClient client, CancellationToken ct) =>
        TrainingRunsEndpoint.ListAsync(request, Runs(client), ct);

    [Function("GetTrainingRun")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "training/runs/{runId}")] HttpRequest request, [DurableClient] DurableTaskClient client, CancellationToken ct) =>
        TrainingRunsEndpoint.GetAsync(request, Runs(client), ct);

    private TrainingRuns Runs(DurableTaskClient client) => new(store, new DurableTrainingLauncher(client), options, time);
}
