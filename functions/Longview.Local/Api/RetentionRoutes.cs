using System.Text;
using System.Text.Json;
using Longview.Core.Retention.Jobs;

namespace Longview.Local.Api;

/// <summary>
/// GET /api/retention/{daily|monthly|activity|segments}?from=&amp;to= (JSON, or CSV for Accept: text/csv) and the
/// retention page at /api/retention/report (and /retention), all from the same <see cref="RetentionReportQuery"/>.
/// </summary>
internal static class RetentionRoutes
{
    public const string SourceHeader = "X-Longview-Report-Source";

    public static void MapRetentionRoutes(this RouteGroupBuilder api)
    {
        foreach (var kind in ReportKinds.All)
        {
            api.MapGet($"/retention/{kind.WireName()}", (HttpContext http, string? from, string? to, RetentionReportQuery query, CancellationToken ct) =>
                    AnswerAsync(http, kind, from, to, query, ct))
                .WithName($"GetRetention{kind}")
                .WithSummary($"The {kind.WireName()} retention rows of the latest stored report (or computed on demand when none is stored), filtered to [from, to].")
                .Produces(StatusCodes.Status200OK, contentType: "application/json", additionalContentTypes: "text/csv")
                .ProducesProblem(StatusCodes.Status400BadRequest);
        }
        api.MapGet("/retention/report", PageAsync)
            .WithName("GetRetentionReport")
            .WithTags("longview")
            .WithSummary("The retention page: cohort heatmap, retention curves and DAU/MAU as inline SVG (HTML).")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    /// <summary>The self-hosted shortcut /retention (outside /api, so not in the OpenAPI document).</summary>
    public static void MapRetentionPageShortcut(this IEndpointRouteBuilder app) =>
        app.MapGet("/retention", PageAsync).ExcludeFromDescription();

    private static async Task<IResult> AnswerAsync(HttpContext http, ReportKind kind, string? from, string? to, RetentionReportQuery query, CancellationToken ct)
    {
        if (ReportRange.Parse(from, to, out var error) is not { } range)
        {
            return BadRange(error!);
        }
        var answer = await query.GetAsync(kind, range, ct);
        http.Response.Headers[SourceHeader] = answer.Source == ReportSource.Stored ? "stored" : "computed";
        if (WantsCsv(http.Request))
        {
            return TypedResults.Text(answer.Csv(), "text/csv; charset=utf-8", Encoding.UTF8);
        }
        return TypedResults.Text(Envelope(answer), "application/json; charset=utf-8", Encoding.UTF8);
    }

    private static async Task<IResult> PageAsync(string? from, string? to, RetentionReportQuery query, CancellationToken ct)
    {
        if (ReportRange.Parse(from, to, out var error) is not { } range)
        {
            return BadRange(error!);
        }
        var daily = await query.GetAsync(ReportKind.Daily, range, ct);
        var monthly = await query.GetAsync(ReportKind.Monthly, range, ct);
        var activity = await query.GetAsync(ReportKind.Activity, range, ct);
        return TypedResults.Text(RetentionPage.Render(daily, monthly, activity), "text/html; charset=utf-8", Encoding.UTF8);
    }

    private static IResult BadRange(ReportRangeError error) =>
        TypedResults.Problem(
            title: $"Invalid query parameter '{error.Parameter}'",
            detail: error.Message,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["parameter"] = error.Parameter });

    private static bool WantsCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));

    /// <summary>{kind, asOf, source, computedAt, rows}: rows (the kind's CSV columns in camelCase) are spliced in as stored.</summary>
    private static string Envelope(ReportAnswer answer)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", answer.Kind.WireName());
            writer.WriteString("asOf", answer.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("source", answer.Source == ReportSource.Stored ? "stored" : "computed");
            writer.WriteString("computedAt", answer.ComputedAt);
            writer.WritePropertyName("rows");
            writer.WriteRawValue(answer.RowsJson);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
