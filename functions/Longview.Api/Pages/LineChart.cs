using System.Globalization;
using System.Text;

namespace Longview.Api.Pages;

/// <summary>
/// An inline SVG line chart: axes, grid, a legend that wraps, one circle per point carrying its data-* attributes and a
/// title, optionally drawn as steps (a survival curve) and with shaded bands (a confidence band, itself a titled mark).
/// </summary>
internal sealed class LineChart(string id, string title, string xLabel, string yLabel, double xMin, double xMax, double yMin, double yMax, bool percent)
{
    public const int Width = 1200;
    private const int Left = 80, Right = 30, Top = 40, Height = 300, LegendColumns = 4, LegendColumnWidth = 270;
    private readonly StringBuilder _bands = new();
    private readonly StringBuilder _body = new();
    private readonly List<(string Label, string Color)> _legend = [];
    private IEnumerable<double> _xTicks = [];
    private Func<double, string> _xFormat = v => v.ToString(CultureInfo.InvariantCulture);

    private double X(double v) => Left + ((v - xMin) / Math.Max(1e-9, xMax - xMin) * (Width - Left - Right));

    private double Y(double v) => Top + Height - ((Math.Clamp(v, Math.Min(yMin, yMax), Math.Max(yMin, yMax)) - yMin) / Math.Max(1e-9, yMax - yMin) * Height);

    private string Shown(double y) => percent ? ChartText.Percent(y) : ChartText.Amount(y);

    public void XTicks(IEnumerable<double> ticks, Func<double, string> format)
    {
        _xTicks = ticks;
        _xFormat = format;
    }

    /// <param name="stepFrom">
    /// Null for straight segments between the points; for a step curve, the value the curve has before its first point
    /// (drawn from <c>xMin</c>), each point then holding until the next one.
    /// </param>
    public void Series(string name, string label, string color, IEnumerable<ChartPoint> points, double? stepFrom = null)
    {
        var list = points.ToList();
        var path = new StringBuilder();
        if (stepFrom is { } start)
        {
            path.Append(CultureInfo.InvariantCulture, $"M{X(xMin):F1},{Y(start):F1}");
            foreach (var p in list)
            {
                path.Append(CultureInfo.InvariantCulture, $" H{X(p.X):F1} V{Y(p.Y):F1}");
            }

            path.Append(CultureInfo.InvariantCulture, $" H{X(xMax):F1}");
        }
        else
        {
            for (var i = 0; i < list.Count; i++)
            {
                path.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "M" : " L")}{X(list[i].X):F1},{Y(list[i].Y):F1}");
            }
        }

        _body.Append(CultureInfo.InvariantCulture, $"<path class=\"series\" data-series=\"{ChartText.Encode(name)}\" d=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"/>");
        foreach (var p in list)
        {
            var tooltip = p.Title ?? $"{label} at {_xFormat(p.X)}: {Shown(p.Y)}";
            _body.Append(CultureInfo.InvariantCulture,
                $"<circle class=\"point\" data-series=\"{ChartText.Encode(name)}\" {p.Attributes} data-value=\"{ChartText.Data(p.Y)}\" cx=\"{X(p.X):F1}\" cy=\"{Y(p.Y):F1}\" r=\"{(list.Count > 120 ? 1.5 : 3)}\" fill=\"{color}\"><title>{ChartText.Encode(tooltip)}</title></circle>");
        }

        _legend.Add((label, color));
    }

    /// <summary>
    /// A shaded band between a lower and an upper step curve (both hold from one x to the next, starting from
    /// <paramref name="startLower"/>/<paramref name="startUpper"/> at <c>xMin</c>), drawn under the series.
    /// </summary>
    public void StepBand(string name, string color, IReadOnlyList<(double X, double Lower, double Upper)> steps, double startLower, double startUpper, string attributes, string tooltip)
    {
        var upper = new List<(double X, double Y)> { (xMin, startUpper) };
        var lower = new List<(double X, double Y)> { (xMin, startLower) };
        foreach (var s in steps)
        {
            upper.Add((s.X, upper[^1].Y));
            upper.Add((s.X, s.Upper));
            lower.Add((s.X, lower[^1].Y));
            lower.Add((s.X, s.Lower));
        }

        upper.Add((xMax, upper[^1].Y));
        lower.Add((xMax, lower[^1].Y));
        lower.Reverse();
        var outline = string.Join(' ', upper.Concat(lower).Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.X):F1},{Y(p.Y):F1}")));
        _bands.Append(CultureInfo.InvariantCulture,
            $"<polygon class=\"band\" data-series=\"{ChartText.Encode(name)}\" {attributes} points=\"{outline}\" fill=\"{color}\" fill-opacity=\"0.12\" stroke=\"none\"><title>{ChartText.Encode(tooltip)}</title></polygon>");
    }

    public void Render(StringBuilder html)
    {
        var legendRows = Math.Max(1, (_legend.Count + LegendColumns - 1) / LegendColumns);
        var height = Top + Height + 52 + (legendRows * 18);
        html.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"{ChartText.Encode(title)}\">");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"16\" text-anchor=\"middle\" font-weight=\"bold\">{ChartText.Encode(title)}</text>");
        for (var k = 0; k <= 5; k++)
        {
            var v = yMin + ((yMax - yMin) * k / 5);
            var y = Y(v);
            var label = percent ? (v * 100).ToString("F0", CultureInfo.InvariantCulture) + "%" : v.ToString(yMax - yMin >= 5 ? "N0" : "0.##", CultureInfo.InvariantCulture);
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:F1}\" y2=\"{y:F1}\"/><text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{label}</text>");
        }

        foreach (var t in _xTicks)
        {
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{X(t):F1}\" x2=\"{X(t):F1}\" y1=\"{Top + Height}\" y2=\"{Top + Height + 5}\"/><text x=\"{X(t):F1}\" y=\"{Top + Height + 18}\" text-anchor=\"middle\">{ChartText.Encode(_xFormat(t))}</text>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Top + Height}\" y2=\"{Top + Height}\"/><line class=\"axis\" x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Top + Height}\"/>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Top + Height + 36}\" text-anchor=\"middle\">{ChartText.Encode(xLabel)}</text>");
        html.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(16,{Top + (Height / 2)}) rotate(-90)\" text-anchor=\"middle\">{ChartText.Encode(yLabel)}</text>");
        html.Append(_bands).Append(_body);
        for (var i = 0; i < _legend.Count; i++)
        {
            var lx = Left + 10 + (i % LegendColumns * LegendColumnWidth);
            var ly = Top + Height + 48 + (i / LegendColumns * 18);
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx}\" y=\"{ly}\" width=\"14\" height=\"4\" fill=\"{_legend[i].Color}\"/><text x=\"{lx + 20}\" y=\"{ly + 6}\">{ChartText.Encode(_legend[i].Label)}</text>");
        }

        html.Append("</svg>");
    }
}
