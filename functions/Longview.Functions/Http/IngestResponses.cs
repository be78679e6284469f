using Longview.Core.Batches;
using Longview.Core.Ingestion;
using Microsoft.AspNetCore.Mvc;

namespace Longview.Functions.Http;

/// <summary>The HTTP answer of an ingestion: the report as 200, or problem+json when the body as a whole was refused.</summary>
public static class IngestResponses
{
    public static IActionResult From(IngestOutcome outcome) =>
        outcome.Failure is { } failure
            ? Problems.Create(failure.Status, failure.Title, failure.Detail)
            : JsonResponse.Ok(outcome.Report!);
}
