using Longview.Core.Retention.Jobs;

namespace Longview.Api.Pages;

/// <summary>
/// What the page's download links carry from the request that opened it: its from/to range, and the function key
/// (<c>code</c>) where the Functions host required one.
/// </summary>
public sealed record PageLinks(ReportRange? Range = null, string? FunctionKey = null)
{
    public static PageLinks None { get; } = new();
}
