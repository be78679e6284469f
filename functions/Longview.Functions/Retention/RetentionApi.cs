using Longview.Core.Retention.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Retention;

/// <summary>GET /api/retention/{kind}?from=&amp;to= and the page /api/retention/report: the same answers as the self-hosted host.</summary>
public sealed class RetentionApi(RetentionReportQuery query)
{
    [Function("GetRetentionDaily")]
    public Task<IActionResult> Daily([HttpTrigger(AuthorizationLevel.Function, "get", Route = "retention/daily")] HttpRequest request, CancellationToken ct) =>
        RetentionHttp.AnswerAsync(request, ReportKind.Daily, query, ct);

    [Function("GetRetentionMonthly")]
    public Task<IActionResult> Monthly([HttpTrigger(AuthorizationLevel.Function, "get", Route = "retention/monthly")] HttpRequest request, CancellationToken ct) =>
        RetentionHttp.AnswerAsync(request, ReportKind.Monthly, query, ct);

    [Function("GetRetentionActivity")]
    public Task<IActionResult> Activity([HttpTrigger(AuthorizationLevel.Function, "get", Route = "retention/activity")] HttpRequest request, CancellationToken ct) =>
        RetentionHttp.AnswerAsync(request, ReportKind.Activity, query, ct);

    [Function("GetRetentionSegments")]
    public Task<IActionResult> Segments([HttpTrigger(AuthorizationLevel.Function, "get", Route = "retention/segments")] HttpRequest request, CancellationToken ct) =>
        RetentionHttp.AnswerAsync(request, ReportKind.Segments, query, ct);

    [Function("GetRetentionReport")]
    public Task<IActionResult> Report([HttpTrigger(AuthorizationLevel.Function, "get", Route = "retention/report")] HttpRequest request, CancellationToken ct) =>
        RetentionHttp.PageAsync(request, query, ct);
}
