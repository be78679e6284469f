using Longview.Core.Ingestion;

namespace Longview.Local.Api;

/// <summary>Turns an ingestion outcome into the HTTP answer and logs its counts (never ids).</summary>
internal static class IngestResults
{
    public static IResult From(IngestOutcome outcome, ILogger logger, string what)
    {
        if (outcome.Failure is { } failure)
        {
            logger.LogInformation("Refused a {What} batch: {Status} {Title}", what, failure.Status, failure.Title);
            return Problems.From(failure);
        }
        var report = outcome.Report!;
        logger.LogInformation(
            "Ingested {What}: {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected",
            what, report.Accepted, report.Duplicates, report.Rejected.Count);
        return TypedResults.Ok(IngestResponse.From(report));
    }
}
