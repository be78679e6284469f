using Longview.Api;
using Longview.Core.Retention.Jobs;
using Longview.Functions.Retention;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Longview.Functions.Triggers;

public sealed class RetentionRunsApi(RetentionJobOptions options)
{
    /// <summary>POST /api/retention/runs?from=&amp;to=: <see cref="RetentionRunsEndpoint"/>, starting the Durable orchestration.</summary>
    [Function("StartRetentionRun")]
    public Task<IResult> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "retention/runs")] HttpRequest request, [DurableClient] DurableTaskClient client, CancellationToken ct) =>
        RetentionRunsEndpoint.StartAsync(request, options, (range, token) => RetentionFunctions.StartAsync(client, range, token), ct);
}
