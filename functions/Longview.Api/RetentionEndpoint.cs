using System.Globalization;
using System.Text;
using System.Text.Json;
using Longview.Core.Retention.Jobs;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>
/// GET /api/retention/{daily|monthly|activity|segments}?from=&amp;to= (JSON, or CSV for Accept: text/csv) and the
/// retention page GET /api/retention/report, all from the same <see cref="RetentionReportQuery"/>.
/// </summary>
public static class RetentionEndpoint
{
    public const string SourceHeader = "X-Longview-Report-Source";

    public static async Task<IResult> GetAsync(HttpRequest request, ReportKind kind, RetentionReportQuery query, CancellationToken cancellationToken)
    {
        if (QueryRange(request, out var error) is not { } range)
        {
            return BadRange(error!);
        }
        var answer = await query.GetAsync(kind, range, cancellationToken).ConfigureAwait(false);
        request.HttpContext.Response.Headers[SourceHeader] = SourceName(answer.Source);
        // Vary: the ETag names one representation; a cache must not answer a CSV request with the JSON one.
        request.HttpContext.Response.Headers.Vary = "Accept";
        var (body, contentType) = WantsCsv(request)
            ? (answer.Csv(), "text/csv; charset=utf-8")
            : (Envelope(answer), "application/json; charset=utf-8");
        return ConditionalGet.Answer(request, body, TypedResults.Text(body, contentType, Encoding.UTF8));
    }

    public static async Task<IResult> PageAsync(HttpRequest request, RetentionReportQuery query, CancellationToken cancellationToken)
    {
        if (QueryRange(request, out var error) is not { } range)
        {
            return BadRange(error!);
        }
        var daily = await query.GetAsync(ReportKind.Daily, range, cancellationToken).ConfigureAwait(false);
        var monthly = await query.GetAsync(ReportKind.Monthly, range, cancellationToken).ConfigureAwait(false);
        var activity = await query.GetAsync(ReportKind.Activity, range, cancellationToken).ConfigureAwait(false);
        return TypedResults.Text(RetentionPage.Render(daily, monthly, activity), "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>The <c>from</c>/<c>to</c> query parameters every retention route reads, parsed by Core's <see cref="ReportRange"/>.</summary>
    internal static ReportRange? QueryRange(HttpRequest request, out ReportRangeError? error) =>
        ReportRange.Parse(request.Query["from"].FirstOrDefault(), request.Query["to"].FirstOrDefault(), out error);

    public static IResult BadRange(ReportRangeError error) =>
        Problems.Create(StatusCodes.Status400BadRequest, $"Invalid query parameter '{error.Parameter}'", error.Message,
            new Dictionary<string, object?> { ["parameter"] = error.Parameter });

    private static bool WantsCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));

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
