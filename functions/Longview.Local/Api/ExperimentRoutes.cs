using Longview.Api;
using Longview.Core.Experiments;
using Longview.Core.Experiments.Results;

namespace Longview.Local.Api;

/// <summary>GET /api/experiments, /api/experiments/{experimentId} and its results: <see cref="ExperimentsEndpoint"/>'s answers.</summary>
internal static class ExperimentRoutes
{
    public static void MapExperimentRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/experiments", (ExperimentAssigner experiments, TimeProvider time) => ExperimentsEndpoint.List(experiments, time))
            .WithName("ListExperiments")
            .WithSummary("The configured experiments (Longview:Experiments:Definitions) with their variants, shares and status (scheduled, running, ended).")
            .Produces<ExperimentList>();
        api.MapGet("/experiments/{experimentId}", (HttpRequest request, string experimentId, ExperimentAssigner experiments, TimeProvider time) =>
                ExperimentsEndpoint.Get(request, experiments, time))
            .WithName("GetExperiment")
            .WithSummary("One configured experiment; 404 problem+json for an unknown id.")
            .Produces<ExperimentSummary>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/experiments/{experimentId}/results", (HttpRequest request, string experimentId, ExperimentResults results, CancellationToken ct) =>
                ExperimentsEndpoint.ResultsAsync(request, results, ct))
            .WithName("GetExperimentResults")
            .WithSummary("The experiment's readout: per metric and variant the value, the difference to the control with a 95% interval, CUPED, the minimum detectable effect; the sample ratio check; warnings.")
            .WithDescription("Computed on request from the exposure log and the exposed users' profiles. Metrics: return D1/D7/D30 (proportions, users whose window has ended), active days and sessions in the 7 days after exposure, clicks and value per user and CTR since exposure. `warnings` says when the planned horizon (the experiment's end) has not been reached or the sample ratio does not match the shares.")
            .Produces<ExperimentReadout>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
