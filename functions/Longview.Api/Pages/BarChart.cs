using System.Globalization;
using System.Text;

namespace Longview.Api.Pages;

/// <summary>
/// An inline SVG chart of horizontal bars, grouped by category (a cohort, a segment): one bar per series in each group,
/// each a rect carrying its data-* attributes and a title, with the value written at its end. Negative values are
/// drawn as zero-length bars (their data-value keeps the real number).
/// </summary>
internal sealed class BarChart(string id, string title, string valueLabel, Func<double, string> format)
{
    private const int Width = LineChart.Width, Left = 200, Right = 90, Top = 40, BarHeight = 14, GroupGap = 10;
    private readonly List<(string Name, string Label, string Color)> _series = [];
    private readonly List<(string Label, IReadOnlyList<ChartBar> Bars)> _categories = [];

    public void Series(string name, string label, string color) => _series.Add((name, label, color));

    public void Category(string label, IReadOnlyList<ChartBar> bars) => _categories.Add((label, bars));

    public void Render(StringBuilder html)
    {
        var max = ChartText.NiceCeiling(_categories.SelectMany(c => c.Bars).Select(b => b.Value).DefaultIfEmpty(0).Max());
        var group = (_series.Count * BarHeight) + GroupGap;
        var plotHeight = _categories.Count * group;
        var height = Top + plotHeight + 60;
        double X(double v) => Left + (Math.Clamp(v, 0, max) / max * (Width - Left - Right));

        html.Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"{ChartText.Encode(title)}\">");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"16\" text-anchor=\"middle\" font-weight=\"bold\">{ChartText.Encode(title)}</text>");
        for (var k = 0; k <= 5; k++)
        {
            var v = max * k / 5;
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{X(v):F1}\" x2=\"{X(v):F1}\" y1=\"{Top - 4}\" y2=\"{Top + plotHeight}\"/><text x=\"{X(v):F1}\" y=\"{Top + plotHeight + 16}\" text-anchor=\"middle\">{ChartText.Encode(format(v))}</text>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Top + plotHeight + 34}\" text-anchor=\"middle\">{ChartText.Encode(valueLabel)}</text>");
        for (var c = 0; c < _categories.Count; c++)
        {
            var (label, bars) = _categories[c];
            var y0 = Top + (c * group);
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{y0 + ((group - GroupGap) / 2) + 4}\" text-anchor=\"end\">{ChartText.Encode(label)}</text>");
            foreach (var bar in bars)
            {
                var s = _series.FindIndex(x => x.Name == bar.Series);
                if (s < 0)
                {
                    throw new InvalidOperationException($"bar of undeclared series '{bar.Series}' in chart {id}");
                }

                var y = y0 + (s * BarHeight);
                var width = X(bar.Value) - Left;
                html.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"bar\" data-series=\"{ChartText.Encode(bar.Series)}\" {bar.Attributes} data-value=\"{ChartText.Data(bar.Value)}\" x=\"{Left}\" y=\"{y}\" width=\"{width:F1}\" height=\"{BarHeight - 2}\" fill=\"{_series[s].Color}\"><title>{ChartText.Encode(bar.Title)}</title></rect>");
                html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + width + 4:F1}\" y=\"{y + BarHeight - 3}\">{ChartText.Encode(format(bar.Value))}</text>");
            }
        }

        html.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top - 4}\" y2=\"{Top + plotHeight}\"/>");
        for (var i = 0; i < _series.Count; i++)
        {
            var lx = Left + 10 + (i * 270);
            html.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx}\" y=\"{Top + plotHeight + 44}\" width=\"14\" height=\"10\" fill=\"{_series[i].Color}\"/><text x=\"{lx + 20}\" y=\"{Top + plotHeight + 53}\">{ChartText.Encode(_series[i].Label)}</text>");
        }

        html.Append("</svg>");
    }
}
