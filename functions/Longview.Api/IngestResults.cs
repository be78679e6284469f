using Longview.Core.Batches;
using Longview.Core.Ingestion;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>Turns an ingestion outcome into the HTTP answer. Core logs the counts; this only shapes the answer.</summary>
public static class IngestResults
{
    public static IResult From(IngestResult outcome) => From(outcome.Failure, () => IngestResponse.From(outcome.Report!));

    public static IResult From(ItemIngestResult outcome) => From(outcome.Failure, () => IngestResponse.From(outcome.Report!));

    private static IResult From(BatchFailure? failure, Func<IngestResponse> response) =>
        failure is null ? TypedResults.Ok(response()) : Problems.From(failure);
}
