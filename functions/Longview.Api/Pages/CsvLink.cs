using System.Globalization;
using Longview.Core.Retention.Jobs;

namespace Longview.Api.Pages;

/// <summary>
/// A download link to the rows a chart draws: the report's own route with <c>?format=csv</c> (a link cannot send
/// <c>Accept: text/csv</c>), the page's range and, on the Functions host, the function key the page was opened with (a
/// link cannot send the x-functions-key header; a host key opens every route, a key of the page's function alone does
/// not), as a same-origin absolute path (the page has no other host to call).
/// </summary>
internal static class CsvLink
{
    public static string Html(ReportKind kind, PageLinks links, string label = "Download the rows (CSV)")
    {
        var query = "format=csv";
        if (links.Range?.From is { } from)
        {
            query += "&from=" + ChartText.Day(from);
        }

        if (links.Range?.To is { } to)
        {
            query += "&to=" + ChartText.Day(to);
        }

        if (links.FunctionKey is { Length: > 0 } key)
        {
            query += "&code=" + Uri.EscapeDataString(key);
        }

        var file = string.Create(CultureInfo.InvariantCulture, $"retention-{kind.WireName()}.csv");
        return $"<a class=\"csv\" data-kind=\"{kind.WireName()}\" href=\"/api/retention/{kind.WireName()}?{ChartText.Encode(query)}\" download=\"{file}\">{ChartText.Encode(label)}</a>";
    }
}
