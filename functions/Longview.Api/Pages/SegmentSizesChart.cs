using System.Globalization;
using System.Text;
using Longview.Core.Lifecycle.Reports;

namespace Longview.Api.Pages;

/// <summary>
/// Users per segment on each as-of day, one chart per family so that each stays readable: lifecycle stages, RFM tiers
/// ("rfm_…") and behavioural groups ("group_…").
/// </summary>
internal static class SegmentSizesChart
{
    private static readonly (string Id, string Title, Func<string, bool> Member)[] Families =
    [
        ("segment-sizes-stages", "Lifecycle stages", s => !IsRfm(s) && !IsGroup(s)),
        ("segment-sizes-rfm", "RFM tiers", IsRfm),
        ("segment-sizes-groups", "Behavioural groups", IsGroup),
    ];

    public static void Render(StringBuilder html, IReadOnlyList<SegmentSizeRow> rows)
    {
        html.Append("<h2>Segment sizes over time (users per segment on each as-of day)</h2>");
        if (rows.Count == 0)
        {
            html.Append("<p id=\"segment-sizes-empty\">No segment size rows in this report.</p>");
            return;
        }

        foreach (var (id, title, member) in Families)
        {
            var family = rows.Where(r => member(r.Segment)).ToList();
            if (family.Count == 0)
            {
                continue;
            }

            var days = family.Select(r => r.AsOf).Distinct().Order().ToList();
            var first = days[0].DayNumber;
            var last = Math.Max(days[^1].DayNumber, first + 1);
            var chart = new LineChart(id, title, "as-of day", "users", first, last, 0, ChartText.NiceCeiling(Math.Max(5, family.Max(r => r.Users))), percent: false);
            var segments = family.GroupBy(r => r.Segment, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            for (var i = 0; i < segments.Count; i++)
            {
                var segment = segments[i].Key;
                chart.Series(segment, segment, ChartText.Color(i), segments[i].OrderBy(r => r.AsOf).Select(r => new ChartPoint(
                    r.AsOf.DayNumber,
                    r.Users,
                    string.Create(CultureInfo.InvariantCulture, $"data-segment=\"{ChartText.Encode(segment)}\" data-day=\"{ChartText.Day(r.AsOf)}\" data-users=\"{r.Users}\""),
                    ChartText.Invariant($"{segment} on {ChartText.Day(r.AsOf)}: {r.Users:N0} users"))));
            }

            chart.XTicks(DayTicks.Of(days), DayTicks.Label);
            chart.Render(html);
        }
    }

    private static bool IsRfm(string segment) => segment.StartsWith("rfm_", StringComparison.Ordinal);

    private static bool IsGroup(string segment) => segment.StartsWith("group_", StringComparison.Ordinal);
}
