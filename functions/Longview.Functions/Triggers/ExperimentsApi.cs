using Longview.Api;
using Longview.Core.Experiments;
using Longview.Core.Experiments.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

/// <summary>GET /api/experiments, /api/experiments/{experimentId} and its results: <see cref="ExperimentsEndpoint"/>.</summary>
public sealed class ExperimentsApi(ExperimentAssigner experiments, ExperimentResults results, TimeProvider time)
{
    [Function("ListExperiments")]
    public IResult List([HttpTrigger(AuthorizationLevel.Function, "get", Route = "experiments")] HttpRequest request) =>
        ExperimentsEndpoint.List(experiments, time);

    [Function("GetExperiment")]
    public IResult Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "experiments/{experimentId}")] HttpRequest request) =>
        ExperimentsEndpoint.Get(request, experiments, time);

    [Function("GetExperimentResults")]
    public Task<IResult> Results([HttpTrigger(AuthorizationLevel.Function, "get", Route = "experiments/{experimentId}/results")] HttpRequest request, CancellationToken ct) =>
        ExperimentsEndpoint.ResultsAsync(request, results, ct);
}
