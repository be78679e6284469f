using System.Globalization;
using System.Net;

namespace Longview.Api.Pages;

/// <summary>How the page writes numbers, days, text and colours: invariant culture everywhere, text always HTML-encoded.</summary>
internal static class ChartText
{
    /// <summary>Ten distinguishable colours (the category10 palette), reused in turn.</summary>
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>A value for a data-* attribute: round-trip precision, so tests and scripts read back the exact number.</summary>
    public static string Data(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Data(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Text for people, formatted in the invariant culture whatever the server's culture.</summary>
    public static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    public static string Percent(double share) => (share * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    /// <summary>A count or amount for people: thousands separated, two decimals below 100, none above.</summary>
    public static string Amount(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "N0" : "N2", CultureInfo.InvariantCulture);

    public static string Color(int index) => Palette[index % Palette.Length];

    /// <summary>The smallest 1, 2, 2.5 or 5 × 10^k at or above <paramref name="max"/> (an axis end on round numbers).</summary>
    public static double NiceCeiling(double max)
    {
        if (!(max > 0) || double.IsInfinity(max))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= max * (1 - 1e-12))
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }
}
