using Longview.Api;
using Longview.Core.Lifecycle.Members;
using Longview.Core.Outcomes;
using Longview.Core.Retention.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Longview.Functions.Triggers;

/// <summary>GET /api/retention/{kind}?from=&amp;to= and the page /api/retention/report: <see cref="RetentionEndpoint"/>.</summary>
public sealed class RetentionApi(RetentionReportQuery query, LifecycleReader lifecycle, ListOutcomeQuery outcomes, IOptions<OutcomeOptions> outcomeOptions, TimeProvider time)
{
    [Function("GetRetentionDaily")]
    public Task<IResult> Daily([HttpTrigger(AuthorizationLevel.Function, "get", Route = "retention/daily")] HttpRequest request, CancellationToken ct) =>
        RetentionEndpoint.GetAsync(request, ReportKind.Daily, query, lifecycle, ct);

    [Function("GetRetentionMonthly")]
    public Task<IResult> Monthly([HttpTrigger(AuthorizationLevel.Function, "get", Route = "retention/monthly")] HttpRequest request, CancellationToken ct) =>
        RetentionEndpoint.GetAsync(request, ReportKind.Monthly, query, lifecycle, ct);

    [Function("GetRetentionActivity")]
    public Task<IResult> Activity([HttpTrigger(AuthorizationLevel.Function, "get", Route = "retention/activity")] HttpRequest request, CancellationToken ct) =>
        RetentionEndpoint.GetAsync(request, ReportKind.Activity, query, lifecycle, ct);

    [Function("GetRetentionSegments")]
    public Task<IResult> Segments([HttpTrigger(AuthorizationLevel.Function, "get", Route = "retention/segments")] HttpRequest request, CancellationToken ct) =>
        RetentionEndpoint.GetAsync(request, ReportKind.Segments, query, lifecycle, ct);

    [Function("GetRetentionReport")]
    public Task<IResult> Report([HttpTrigger(AuthorizationLevel.Function, "get", Route = "retention/report")] HttpRequest request, CancellationToken ct) =>
        RetentionEndpoint.PageAsync(request, query, outcomes, outcomeOptions, time, ct);
}
