using Longview.Core.Lifecycle.Members;
using Longview.Api;
using Longview.Core.Lifecycle;
using Longview.Core.Retention;
using Longview.Core.Outcomes;
using Longview.Core.Retention.Jobs;
using Longview.Local.Retention;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Longview.Local.Api;

/// <summary>
/// GET /api/retention/{daily|monthly|activity|segments}?from=&amp;to=&amp;format= (JSON, or CSV for Accept: text/csv or
/// format=csv) and the report page at /api/retention/report (and /retention); the answers are <see cref="RetentionEndpoint"/>'s.
/// </summary>
internal static class RetentionRoutes
{
    public static void MapRetentionRoutes(this RouteGroupBuilder api)
    {
        foreach (var kind in ReportKinds.Retention)
        {
            // from, to, format and segment are declared (and read by the handler from the query) so that the OpenAPI document lists them.
            api.MapGet($"/retention/{kind.WireName()}", (HttpRequest request, string? from, string? to, string? format, string? segment, RetentionReportQuery query, LifecycleReader lifecycle, CancellationToken ct) =>
                    RetentionEndpoint.GetAsync(request, kind, query, lifecycle, ct))
                .WithName($"GetRetention{kind}")
                .WithSummary($"The {kind.WireName()} retention rows of the latest stored report (or computed on demand when none is stored), filtered to [from, to]; with segment=, restricted to that segment's users on the newest lifecycle day.")
                .WithDescription("Query: `from`, `to` (ISO dates yyyy-MM-dd, inclusive; either may be left out). JSON by default, CSV with the same columns for `Accept: text/csv` or `format=csv` (what a link can ask for: the answer then names a file to save); `format=json` forces JSON; any other format is a 400 naming the parameter. `segment` (daily, monthly, activity): a stage such as at_risk, rfm_<tier> or group_<n>; 404 when the newest lifecycle day has no such segment. Each representation carries a strong ETag (Cache-Control: no-cache): send it back in If-None-Match and the answer is 304 while the report is unchanged.")
                .Produces(StatusCodes.Status200OK, RowsResponse(kind), "application/json", "text/csv")
                .AddOpenApiOperationTransformer((operation, _, _) =>
                {
                    // The CSV representation is text with the kind's header, not the JSON envelope.
                    if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue("text/csv", out var csv) == true)
                    {
                        csv.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "CSV with a header row: the rows' columns in snake_case." };
                    }
                    return Task.CompletedTask;
                })
                .Produces(StatusCodes.Status304NotModified)
                .ProducesProblem(StatusCodes.Status400BadRequest)
                .ProducesProblem(StatusCodes.Status404NotFound);
        }
        api.MapPost("/retention/runs", (HttpRequest request, string? from, string? to, RetentionJobOptions options, BackgroundRetentionRuns runs, CancellationToken ct) =>
                RetentionRunsEndpoint.StartAsync(request, options, runs.StartAsync, ct))
            .WithName("StartRetentionRun")
            .WithSummary("Run (or backfill) the retention job for the as-of days [from, to]; 202 with the run's instance id.")
            .WithDescription("No body; the request must declare `Content-Type: application/json` (415 otherwise). Both dates are required, at most the configured backfill length apart.")
            .Produces<RetentionRunAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/retention/report", PageAsync)
            .WithName("GetRetentionReport")
            .WithTags("longview")
            .WithSummary("The report page: retention (cohort heatmap, retention curves, DAU/MAU) and lifecycle (survival, lifespans, value, value at risk, segment sizes, engagement) and the outcome of every list (CTR by position, variant, reason type; conversion and value per list by day, last 14 serving days) as inline SVG (HTML), with CSV download links.")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static Type RowsResponse(ReportKind kind) => kind switch
    {
        ReportKind.Daily => typeof(RetentionReportResponse<DailyCohortRow>),
        ReportKind.Monthly => typeof(RetentionReportResponse<MonthlyCohortRow>),
        ReportKind.Activity => typeof(RetentionReportResponse<ActivityRow>),
        ReportKind.Segments => typeof(RetentionReportResponse<SegmentCounts>),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a retention report kind"),
    };

    /// <summary>The self-hosted shortcut /retention (outside /api, so not in the OpenAPI document).</summary>
    public static void MapRetentionPageShortcut(this IEndpointRouteBuilder app) =>
        app.MapGet("/retention", PageAsync).ExcludeFromDescription();

    // from and to are declared (and read by the handler from the query) so that the OpenAPI document lists them.
    private static Task<IResult> PageAsync(HttpRequest request, string? from, string? to, RetentionReportQuery query, ListOutcomeQuery outcomes, IOptions<OutcomeOptions> outcomeOptions, TimeProvider time, CancellationToken ct) =>
        RetentionEndpoint.PageAsync(request, query, outcomes, outcomeOptions, time, ct);
}
