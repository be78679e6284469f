using Longview.Core.Outcomes;
using Longview.Core.Retention.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Longview.Api;

/// <summary>
/// GET /api/outcomes/lists?from=&amp;to=: the outcome of the lists served on the UTC days [from, to] (default: yesterday),
/// computed on request by <see cref="ListOutcomes"/>; a bad or too long range is a 400 problem naming the parameter.
/// </summary>
public static class OutcomesEndpoint
{
    public static async Task<IResult> GetAsync(HttpRequest request, ListOutcomes outcomes, IOptions<OutcomeOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (RetentionEndpoint.QueryRange(request, out var error) is not { } range)
        {
            return RetentionEndpoint.BadRange(error!);
        }
        var yesterday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
        var to = range.To ?? (range.From is { } from && from > yesterday ? from : yesterday);
        var start = range.From ?? to;
        var maxDays = options.Value.MaxRangeDays;
        if (to.DayNumber - start.DayNumber + 1 > maxDays)
        {
            return RetentionEndpoint.BadRange(new ReportRangeError("from", $"at most {maxDays} days of lists per report (Longview:Outcomes:MaxRangeDays), asked for {to.DayNumber - start.DayNumber + 1}"));
        }
        return TypedResults.Ok(await outcomes.ComputeAsync(start, to, cancellationToken).ConfigureAwait(false));
    }
}
