using System.Text;
using System.Text.Json;
using Longview.Core.Outcomes;
using Longview.Core.Retention.Jobs;
using Longview.Core.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Longview.Api;

/// <summary>
/// GET /api/outcomes/lists?from=&amp;to=: the outcome of the lists served on the UTC days [from, to] (default: yesterday),
/// from the daily outcome job's stored days where present and computed on request for the others
/// (<see cref="ListOutcomeQuery"/>), with a strong ETag and <c>X-Longview-Report-Source</c> (stored, computed, mixed);
/// a bad or too long range is a 400 problem naming the parameter.
/// </summary>
public static class OutcomesEndpoint
{
    public static async Task<IResult> GetAsync(HttpRequest request, ListOutcomeQuery outcomes, IOptions<OutcomeOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Range(request, options.Value, time, out var problem) is not { } range)
        {
            return problem!;
        }
        var answer = await outcomes.GetAsync(range.From, range.To, cancellationToken).ConfigureAwait(false);
        request.HttpContext.Response.Headers[RetentionEndpoint.SourceHeader] = answer.Source;
        var body = JsonSerializer.Serialize(answer.Report, LongviewJson.Options);
        return ConditionalGet.Answer(request, body, TypedResults.Text(body, "application/json; charset=utf-8", Encoding.UTF8));
    }

    /// <summary>The serving days a request asks for (default yesterday), bounded by <see cref="OutcomeOptions.MaxRangeDays"/>.</summary>
    internal static (DateOnly From, DateOnly To)? Range(HttpRequest request, OutcomeOptions options, TimeProvider time, out IResult? problem)
    {
        if (RetentionEndpoint.QueryRange(request, out var error) is not { } range)
        {
            problem = RetentionEndpoint.BadRange(error!);
            return null;
        }
        var yesterday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
        var to = range.To ?? (range.From is { } from && from > yesterday ? from : yesterday);
        var start = range.From ?? to;
        var maxDays = options.MaxRangeDays;
        if (to.DayNumber - start.DayNumber + 1 > maxDays)
        {
            problem = RetentionEndpoint.BadRange(new ReportRangeError("from", $"at most {maxDays} days of lists per report (Longview:Outcomes:MaxRangeDays), asked for {to.DayNumber - start.DayNumber + 1}"));
            return null;
        }
        problem = null;
        return (start, to);
    }
}
