using System.Globalization;
using System.Text;
using System.Text.Json;
using Longview.Api.Pages;
using Longview.Core.Lifecycle.Jobs;
using Longview.Core.Lifecycle.Members;
using Longview.Core.Lifecycle.Scoring;
using Longview.Core.Outcomes;
using Longview.Core.Retention.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Longview.Api;

/// <summary>
/// GET /api/retention/{daily|monthly|activity|segments}?from=&amp;to= (JSON, or CSV for Accept: text/csv or
/// <c>?format=csv</c>, which a link can ask for) and the report page GET /api/retention/report (<see cref="ReportPage"/>),
/// all from the same <see cref="RetentionReportQuery"/>.
/// </summary>
public static class RetentionEndpoint
{
    public const string SourceHeader = "X-Longview-Report-Source";

    public static async Task<IResult> GetAsync(HttpRequest request, ReportKind kind, RetentionReportQuery query, LifecycleReader lifecycle, CancellationToken cancellationToken)
    {
        if (QueryRange(request, out var error) is not { } range)
        {
            return BadRange(error!);
        }
        if (ResponseFormat.WantsCsv(request, out var formatProblem) is not { } csv)
        {
            return formatProblem!;
        }
        ReportAnswer answer;
        if (request.Query["segment"].FirstOrDefault() is { } segment)
        {
            if (!SegmentNames.IsWellFormed(segment) || !SegmentRetention.Kinds.Contains(kind))
            {
                return Problems.InvalidParameter("segment", !SegmentRetention.Kinds.Contains(kind)
                    ? "the segments report counts every segment; segment filters apply to daily, monthly and activity"
                    : $"'{segment}' is not a segment name (a stage such as at_risk, rfm_champions, group_2)");
            }
            if (await lifecycle.SegmentReportAsync(kind, range, segment, cancellationToken).ConfigureAwait(false) is not { } filtered)
            {
                return Problems.NotFound("No such segment report", $"The newest lifecycle day has no segment '{segment}' (or the daily lifecycle job has not run yet); GET /api/segments/{{segment}}/users lists what exists.");
            }
            answer = filtered;
        }
        else
        {
            answer = await query.GetAsync(kind, range, cancellationToken).ConfigureAwait(false);
        }
        var headers = request.HttpContext.Response.Headers;
        headers[SourceHeader] = SourceName(answer.Source);
        // Vary: the ETag names one representation; a cache must not answer a CSV request with the JSON one.
        headers.Vary = "Accept";
        if (csv && request.Query.ContainsKey("format"))
        {
            // Asked for by a link: the browser saves the rows under a name that says what and as of when.
            headers.ContentDisposition = string.Create(CultureInfo.InvariantCulture, $"attachment; filename=\"retention-{kind.WireName()}-{answer.AsOf:yyyy-MM-dd}.csv\"");
        }
        var (body, contentType) = csv
            ? (answer.Csv(), "text/csv; charset=utf-8")
            : (Envelope(answer), "application/json; charset=utf-8");
        return ConditionalGet.Answer(request, body, TypedResults.Text(body, contentType, Encoding.UTF8));
    }

    /// <summary>How many serving days (ending yesterday) the page's outcome charts cover, at most Longview:Outcomes:MaxRangeDays.</summary>
    public const int OutcomePageDays = 14;

    public static async Task<IResult> PageAsync(HttpRequest request, RetentionReportQuery query, ListOutcomeQuery outcomes, IOptions<OutcomeOptions> outcomeOptions, TimeProvider time, CancellationToken cancellationToken)
    {
        if (QueryRange(request, out var error) is not { } range)
        {
            return BadRange(error!);
        }
        var daily = await query.GetAsync(ReportKind.Daily, range, cancellationToken).ConfigureAwait(false);
        var monthly = await query.GetAsync(ReportKind.Monthly, range, cancellationToken).ConfigureAwait(false);
        var activity = await query.GetAsync(ReportKind.Activity, range, cancellationToken).ConfigureAwait(false);
        var lifecycle = await query.LifecycleChartsAsync(cancellationToken).ConfigureAwait(false);
        ArgumentNullException.ThrowIfNull(outcomeOptions);
        var yesterday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
        var lists = await outcomes.GetAsync(yesterday.AddDays(1 - Math.Min(OutcomePageDays, outcomeOptions.Value.MaxRangeDays)), yesterday, cancellationToken).ConfigureAwait(false);
        return TypedResults.Text(ReportPage.Render(daily, monthly, activity, lifecycle, new PageLinks(range, request.Query["code"].FirstOrDefault()), lists), "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>The <c>from</c>/<c>to</c> query parameters every retention route reads, parsed by Core's <see cref="ReportRange"/>.</summary>
    internal static ReportRange? QueryRange(HttpRequest request, out ReportRangeError? error) =>
        ReportRange.Parse(request.Query["from"].FirstOrDefault(), request.Query["to"].FirstOrDefault(), out error);

    public static IResult BadRange(ReportRangeError error) =>
        Problems.Create(StatusCodes.Status400BadRequest, $"Invalid query parameter '{error.Parameter}'", error.Message,
            new Dictionary<string, object?> { ["parameter"] = error.Parameter });

    /// <summary>The wire name of a source, the same in the header and in the JSON envelope.</summary>
    private static string SourceName(ReportSource source) => source == ReportSource.Stored ? "stored" : "computed";

    /// <summary>{kind, asOf, source, computedAt, rows}: rows (the kind's CSV columns in camelCase) are spliced in as stored.</summary>
    private static string Envelope(ReportAnswer answer)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", answer.Kind.WireName());
            writer.WriteString("asOf", answer.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteString("source", SourceName(answer.Source));
            writer.WriteString("computedAt", answer.ComputedAt);
            writer.WritePropertyName("rows");
            writer.WriteRawValue(answer.RowsJson);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
