using System.Globalization;
using System.Text;
using System.Text.Json;
using Longview.Core.Retention.Jobs;
using Longview.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Longview.Functions.Retention;

/// <summary>The retention answers of the Functions host, byte for byte those of Longview.Local's RetentionRoutes.</summary>
internal static class RetentionHttp
{
    public const string SourceHeader = "X-Longview-Report-Source";

    public static async Task<IActionResult> AnswerAsync(HttpRequest request, ReportKind kind, RetentionReportQuery query, CancellationToken ct)
    {
        if (ReportRange.Parse(request.Query["from"].FirstOrDefault(), request.Query["to"].FirstOrDefault(), out var error) is not { } range)
        {
            return BadRange(error!);
        }
        var answer = await query.GetAsync(kind, range, ct);
        request.HttpContext.Response.Headers[SourceHeader] = answer.Source == ReportSource.Stored ? "stored" : "computed";
        var csv = request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
        return csv
            ? new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = "text/csv; charset=utf-8", Content = answer.Csv() }
            : new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = "application/json; charset=utf-8", Content = Envelope(answer) };
    }

    public static async Task<IActionResult> PageAsync(HttpRequest request, RetentionReportQuery query, CancellationToken ct)
    {
        if (ReportRange.Parse(request.Query["from"].FirstOrDefault(), request.Query["to"].FirstOrDefault(), out var error) is not { } range)
        {
            return BadRange(error!);
        }
        var daily = await query.GetAsync(ReportKind.Daily, range, ct);
        var monthly = await query.GetAsync(ReportKind.Monthly, range, ct);
        var activity = await query.GetAsync(ReportKind.Activity, range, ct);
        return new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = "text/html; charset=utf-8", Content = RetentionPage.Render(daily, monthly, activity) };
    }

    public static IActionResult BadRange(ReportRangeError error) =>
        new JsonResponse(StatusCodes.Status400BadRequest, new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Title = $"Invalid query parameter '{error.Parameter}'",
            Status = StatusCodes.Status400BadRequest,
            Detail = error.Message,
            Extensions = { ["parameter"] = error.Parameter },
        }, JsonResponse.ProblemJson);

    private static string Envelope(ReportAnswer answer)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", answer.Kind.WireName());
            writer.WriteString("asOf", answer.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteString("source", answer.Source == ReportSource.Stored ? "stored" : "computed");
            writer.WriteString("computedAt", answer.ComputedAt);
            writer.WritePropertyName("rows");
            writer.WriteRawValue(answer.RowsJson);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
