using Longview.Core.Experiments;
using Longview.Core.Experiments.Results;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>
/// GET /api/experiments (the configured experiments with their status), GET /api/experiments/{experimentId} and
/// GET /api/experiments/{experimentId}/results (the readout); an unknown id is a 404 problem.
/// </summary>
public static class ExperimentsEndpoint
{
    public static IResult List(ExperimentAssigner experiments, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return TypedResults.Ok(new ExperimentList([.. experiments.Definitions.Select(d => ExperimentSummary.Of(d, now))]));
    }

    public static IResult Get(HttpRequest request, ExperimentAssigner experiments, TimeProvider time)
    {
        var id = PathIds.Read(request, "experimentId", fromEnd: 1);
        if (id.Problem is { } invalid)
        {
            return invalid;
        }
        return experiments.Find(id.Value) is { } definition
            ? TypedResults.Ok(ExperimentSummary.Of(definition, time.GetUtcNow()))
            : Unknown(id.Value);
    }

    public static async Task<IResult> ResultsAsync(HttpRequest request, ExperimentResults results, CancellationToken cancellationToken)
    {
        var id = PathIds.Read(request, "experimentId", fromEnd: 2);
        if (id.Problem is { } invalid)
        {
            return invalid;
        }
        return await results.ComputeAsync(id.Value, cancellationToken).ConfigureAwait(false) is { } readout
            ? TypedResults.Ok(readout)
            : Unknown(id.Value);
    }

    private static IResult Unknown(string id) =>
        Problems.NotFound("Unknown experiment", $"No experiment '{id}' is configured (Longview:Experiments:Definitions).");
}
