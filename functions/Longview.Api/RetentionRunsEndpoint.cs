using Longview.Core.Retention.Jobs;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>POST /api/retention/runs?from=&amp;to=: run (or backfill) the retention job for [from, to]; 202 with the instance id.</summary>
public static class RetentionRunsEndpoint
{
    /// <summary>Starts one run of the range with <paramref name="launch"/> (the host's scheduler), which answers its instance id.</summary>
    public static async Task<IResult> StartAsync(
        HttpRequest request, RetentionJobOptions options, Func<RetentionRunRange, CancellationToken, Task<string>> launch, CancellationToken cancellationToken)
    {
        if (JsonMediaTypes.Require(request) is { } unsupported)
        {
            return unsupported;
        }
        if (RetentionEndpoint.QueryRange(request, out var error) is not { } range
            || RetentionRunRange.Requested(range, options, out error) is not { } run)
        {
            return RetentionEndpoint.BadRange(error!);
        }
        var instanceId = await launch(run, cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted((string?)null, new RetentionRunAccepted(instanceId));
    }
}
