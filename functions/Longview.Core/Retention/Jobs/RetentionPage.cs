using System.Globalization;
using System.Net;
using System.Text;

namespace Longview.Core.Retention.Jobs;

/// <summary>
/// The retention page as one self-contained HTML document: a monthly cohort heatmap, N-day retention curves and
/// DAU / MAU / stickiness over time, drawn server-side as inline SVG from the same rows the API serves (no script,
/// no external request). Every drawn mark carries its value in data-* attributes and a tooltip title.
/// </summary>
public static class RetentionPage
{
    private const int ChartWidth = 1200;

    public static string Render(ReportAnswer daily, ReportAnswer monthly, ReportAnswer activity)
    {
        ArgumentNullException.ThrowIfNull(daily);
        ArgumentNullException.ThrowIfNull(monthly);
        ArgumentNullException.ThrowIfNull(activity);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Longview retention</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:24px;color:#1f2933;background:#fff}h1{margin:0 0 4px}h2{margin:28px 0 6px}")
            .Append("p.meta{color:#52606d;margin:0 0 8px}svg text{font-family:system-ui,sans-serif;font-size:12px;fill:#1f2933}")
            .Append(".axis{stroke:#9aa5b1;stroke-width:1}.grid{stroke:#e4e7eb;stroke-width:1}")
            .Append("</style></head><body><h1>Retention</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Daily and monthly cohorts as of {Day(daily.AsOf)} ({Source(daily)}); activity as of {Day(activity.AsOf)} ({Source(activity)}). Definitions: cohort = users by first-seen UTC day or month; N-day = active on exactly day N; unbounded = active on day N or later; cells whose day or month has not fully elapsed are blank.</p>");
        Heatmap(html, ReportRows.Monthly(monthly.RowsJson));
        Curves(html, ReportRows.Daily(daily.RowsJson));
        Activity(html, ReportRows.Activity(activity.RowsJson));
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void Heatmap(StringBuilder html, IReadOnlyList<MonthlyCohortRow> rows)
    {
        html.Append("<h2>Monthly cohorts: share of the cohort active in month N</h2>");
        var cohorts = rows.Select(r => (r.CohortMonth, r.CohortSize)).Distinct().OrderBy(c => c.CohortMonth).ToList();
        if (cohorts.Count == 0)
        {
            html.Append("<p id=\"heatmap-empty\">No cohorts in this range.</p>");
            return;
        }
        var months = rows.Max(r => r.Month);
        const int left = 170, top = 40, cellW = 70, cellH = 26;
        var width = left + (months * cellW) + 20;
        var height = top + (cohorts.Count * cellH) + 60;
        html.Append(CultureInfo.InvariantCulture, $"<svg id=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"Monthly cohort retention heatmap\">");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + (months * cellW / 2)}\" y=\"14\" text-anchor=\"middle\" font-weight=\"bold\">Months after the cohort month (N)</text>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"{top - 8}\" font-weight=\"bold\">Cohort (users)</text>");
        for (var n = 1; n <= months; n++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + ((n - 1) * cellW) + (cellW / 2)}\" y=\"{top - 8}\" text-anchor=\"middle\">{n}</text>");
        }
        var byCell = rows.ToDictionary(r => (r.CohortMonth, r.Month));
        for (var i = 0; i < cohorts.Count; i++)
        {
            var (month, size) = cohorts[i];
            var y = top + (i * cellH);
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"{y + 17}\">{month:yyyy-MM} ({size:N0})</text>");
            for (var n = 1; n <= months; n++)
            {
                var x = left + ((n - 1) * cellW);
                if (!byCell.TryGetValue((month, n), out var row) || row.RetentionRate is not { } rate)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{cellW - 2}\" height=\"{cellH - 2}\" fill=\"#f5f7fa\"/>");
                    continue;
                }
                var text = rate >= 0.5 ? "#ffffff" : "#1f2933";
                html.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"cell\" data-cohort=\"{month:yyyy-MM}\" data-month=\"{n}\" data-retained=\"{row.Retained}\" data-size=\"{size}\" data-rate=\"{R(rate)}\" x=\"{x}\" y=\"{y}\" width=\"{cellW - 2}\" height=\"{cellH - 2}\" fill=\"{Blue(rate)}\"><title>{month:yyyy-MM} month {n}: {row.Retained:N0} of {size:N0} ({rate * 100:F1}%)</title></rect>");
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (cellW / 2) - 1}\" y=\"{y + 17}\" text-anchor=\"middle\" style=\"fill:{text}\">{rate * 100:F1}%</text>");
            }
        }
        // Legend: the colour scale from 0% to 100%.
        var ly = top + (cohorts.Count * cellH) + 20;
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"{ly + 13}\">Legend</text>");
        for (var k = 0; k <= 10; k++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + (k * 40)}\" y=\"{ly}\" width=\"38\" height=\"18\" fill=\"{Blue(k / 10.0)}\"/><text x=\"{left + (k * 40) + 19}\" y=\"{ly + 32}\" text-anchor=\"middle\">{k * 10}%</text>");
        }
        html.Append("</svg>");
    }

    private static void Curves(StringBuilder html, IReadOnlyList<DailyCohortRow> rows)
    {
        html.Append("<h2>Retention curves: daily cohorts pooled (users retained / users of the cohorts whose day N has elapsed)</h2>");
        var points = PooledRetention.Curve(rows);
        if (points.Count == 0)
        {
            html.Append("<p id=\"curves-empty\">No elapsed daily cohort cells in this range.</p>");
            return;
        }
        var maxN = points[^1].Day;
        var chart = new LineChart("curves", "Retention by day N", "day N after first seen", "share of cohort", 0, maxN, 0, 1, percent: true);
        chart.Series("nday", "N-day (active on exactly day N)", "#1f77b4", points.Select(p => ((double)p.Day, (double)p.Retained / p.Users, $"data-n=\"{p.Day}\" data-retained=\"{p.Retained}\" data-size=\"{p.Users}\"")));
        chart.Series("unbounded", "Unbounded (day N or later)", "#ff7f0e", points.Select(p => ((double)p.Day, (double)p.RetainedOrLater / p.Users, $"data-n=\"{p.Day}\" data-retained=\"{p.RetainedOrLater}\" data-size=\"{p.Users}\"")));
        chart.XTicks(points.Select(p => (double)p.Day), v => v.ToString(CultureInfo.InvariantCulture));
        chart.Render(html);
    }

    private static void Activity(StringBuilder html, IReadOnlyList<ActivityRow> allRows)
    {
        html.Append("<h2>Active users and stickiness per day</h2>");
        // Days before anyone was active would only flatten the chart.
        var rows = allRows.SkipWhile(r => r.Mau == 0).ToList();
        if (rows.Count == 0)
        {
            html.Append("<p id=\"activity-empty\">No activity rows in this range.</p>");
            return;
        }
        var first = rows[0].Day.DayNumber;
        var last = Math.Max(rows[^1].Day.DayNumber, first + 1);
        var ticks = DayTicks(rows);
        // A multiple of 5 keeps the five grid steps on whole numbers of users.
        var maxUsers = Math.Max(5, (long)Math.Ceiling(rows.Max(r => r.Mau) / 5.0) * 5);
        var users = new LineChart("users", "DAU, WAU and MAU (rolling 7 and 30 days)", "UTC day", "users", first, last, 0, maxUsers, percent: false);
        users.Series("dau", "DAU", "#1f77b4", rows.Select(r => ((double)r.Day.DayNumber, (double)r.Dau, $"data-day=\"{Day(r.Day)}\"")));
        users.Series("wau", "WAU", "#2ca02c", rows.Select(r => ((double)r.Day.DayNumber, (double)r.Wau, $"data-day=\"{Day(r.Day)}\"")));
        users.Series("mau", "MAU", "#d62728", rows.Select(r => ((double)r.Day.DayNumber, (double)r.Mau, $"data-day=\"{Day(r.Day)}\"")));
        users.XTicks(ticks, v => Day(DateOnly.FromDayNumber((int)v)));
        users.Render(html);
        var stickiness = rows.Where(r => r.Stickiness is not null).ToList();
        var maxStick = stickiness.Count == 0 ? 1 : Math.Min(1, Math.Ceiling(stickiness.Max(r => r.Stickiness!.Value) * 10) / 10);
        var chart = new LineChart("stickiness", "Stickiness DAU/MAU", "UTC day", "DAU / MAU", first, last, 0, Math.Max(0.1, maxStick), percent: true);
        chart.Series("dau-mau", "DAU/MAU", "#9467bd", stickiness.Select(r => ((double)r.Day.DayNumber, r.Stickiness!.Value, $"data-day=\"{Day(r.Day)}\" data-dau=\"{r.Dau}\" data-mau=\"{r.Mau}\"")));
        chart.XTicks(ticks, v => Day(DateOnly.FromDayNumber((int)v)));
        chart.Render(html);
    }

    private static List<double> DayTicks(IReadOnlyList<ActivityRow> rows)
    {
        var step = Math.Max(1, rows.Count / 8);
        return [.. rows.Where((_, i) => i % step == 0).Select(r => (double)r.Day.DayNumber)];
    }

    /// <summary>White (0%) to dark blue (100%).</summary>
    private static string Blue(double rate)
    {
        var t = Math.Clamp(rate, 0, 1);
        var r = (int)Math.Round(240 - (t * 232));
        var g = (int)Math.Round(244 - (t * 196));
        var b = (int)Math.Round(250 - (t * 143));
        return string.Create(CultureInfo.InvariantCulture, $"#{r:x2}{g:x2}{b:x2}");
    }

    private static string Source(ReportAnswer answer) =>
        answer.Source == ReportSource.Stored ? "stored report" : "computed on demand, no stored report yet";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A line chart with axes, grid, a legend and one circle per point (carrying its data-* attributes).</summary>
    private sealed class LineChart(string id, string title, string xLabel, string yLabel, double xMin, double xMax, double yMin, double yMax, bool percent)
    {
        private const int Left = 80, Right = 30, Top = 40, Height = 300;
        private readonly StringBuilder _body = new();
        private readonly StringBuilder _legend = new();
        private IEnumerable<double> _xTicks = [];
        private Func<double, string> _xFormat = v => v.ToString(CultureInfo.InvariantCulture);
        private int _series;

        private double X(double v) => Left + ((v - xMin) / Math.Max(1e-9, xMax - xMin) * (ChartWidth - Left - Right));

        private double Y(double v) => Top + Height - ((v - yMin) / Math.Max(1e-9, yMax - yMin) * Height);

        public void XTicks(IEnumerable<double> ticks, Func<double, string> format)
        {
            _xTicks = ticks;
            _xFormat = format;
        }

        public void Series(string name, string label, string color, IEnumerable<(double X, double Y, string Attributes)> points)
        {
            var list = points.ToList();
            var path = string.Join(' ', list.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{(i == 0 ? 'M' : 'L')}{X(p.X):F1},{Y(p.Y):F1}")));
            _body.Append(CultureInfo.InvariantCulture, $"<path class=\"series\" data-series=\"{name}\" d=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"/>");
            foreach (var p in list)
            {
                var shown = percent ? (p.Y * 100).ToString("F1", CultureInfo.InvariantCulture) + "%" : p.Y.ToString("N0", CultureInfo.InvariantCulture);
                _body.Append(CultureInfo.InvariantCulture,
                    $"<circle class=\"point\" data-series=\"{name}\" {p.Attributes} data-value=\"{R(p.Y)}\" cx=\"{X(p.X):F1}\" cy=\"{Y(p.Y):F1}\" r=\"{(list.Count > 120 ? 1.5 : 3)}\" fill=\"{color}\"><title>{WebUtility.HtmlEncode(label)} at {WebUtility.HtmlEncode(_xFormat(p.X))}: {shown}</title></circle>");
            }
            var lx = Left + 10 + (_series * 260);
            _legend.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx}\" y=\"{Top + Height + 48}\" width=\"14\" height=\"4\" fill=\"{color}\"/><text x=\"{lx + 20}\" y=\"{Top + Height + 54}\">{WebUtility.HtmlEncode(label)}</text>");
            _series++;
        }

        public void Render(StringBuilder html)
        {
            var height = Top + Height + 70;
            html.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{ChartWidth}\" height=\"{height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\">");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{ChartWidth / 2}\" y=\"16\" text-anchor=\"middle\" font-weight=\"bold\">{WebUtility.HtmlEncode(title)}</text>");
            for (var k = 0; k <= 5; k++)
            {
                var v = yMin + ((yMax - yMin) * k / 5);
                var y = Y(v);
                var label = percent ? (v * 100).ToString("F0", CultureInfo.InvariantCulture) + "%" : v.ToString("N0", CultureInfo.InvariantCulture);
                html.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{ChartWidth - Right}\" y1=\"{y:F1}\" y2=\"{y:F1}\"/><text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{label}</text>");
            }
            foreach (var t in _xTicks)
            {
                html.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{X(t):F1}\" x2=\"{X(t):F1}\" y1=\"{Top + Height}\" y2=\"{Top + Height + 5}\"/><text x=\"{X(t):F1}\" y=\"{Top + Height + 18}\" text-anchor=\"middle\">{WebUtility.HtmlEncode(_xFormat(t))}</text>");
            }
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" x2=\"{ChartWidth - Right}\" y1=\"{Top + Height}\" y2=\"{Top + Height}\"/><line class=\"axis\" x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Top + Height}\"/>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + ChartWidth - Right) / 2}\" y=\"{Top + Height + 36}\" text-anchor=\"middle\">{WebUtility.HtmlEncode(xLabel)}</text>");
            html.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(16,{Top + (Height / 2)}) rotate(-90)\" text-anchor=\"middle\">{WebUtility.HtmlEncode(yLabel)}</text>");
            html.Append(_body).Append(_legend).Append("</svg>");
        }
    }
}
