namespace Longview.Api.Pages;

/// <summary>One bar of a <see cref="BarChart"/> category: its series, value, data-* attributes (already encoded) and tooltip.</summary>
internal sealed record ChartBar(string Series, double Value, string Attributes, string Title);
