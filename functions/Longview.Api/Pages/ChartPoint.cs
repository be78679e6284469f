namespace Longview.Api.Pages;

/// <summary>
/// One point of a <see cref="LineChart"/> series: its position, the data-* attributes it carries (already encoded) and
/// its tooltip (null: the series label, the x value and the y value).
/// </summary>
internal sealed record ChartPoint(double X, double Y, string Attributes, string? Title = null);
