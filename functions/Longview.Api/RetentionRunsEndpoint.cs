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
        var range = RetentionEndpoint.QueryRange(request, out var error);
        if (range is null)
        {
            return RetentionEndpoint.BadRange(error!);
        }
        if (range.From is not { } from || range.To is not { } to)
        {
            var missing = range.From is null ? "from" : "to";
            return RetentionEndpoint.BadRange(new ReportRangeError(missing, $"{missing} is required: a run covers the as-of days [from, to]"));
        }
        try
        {
            RetentionJob.BackfillDays(from, to, options);
        }
        catch (ArgumentException e)
        {
            return RetentionEndpoint.BadRange(new ReportRangeError("to", e.Message));
        }
        var instanceId = await launch(RetentionRunRange.Capture(from, to, options), cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted((string?)null, new RetentionRunAccepted(instanceId));
    }
}
