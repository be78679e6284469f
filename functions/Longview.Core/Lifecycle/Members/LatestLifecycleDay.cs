namespace Longview.Core.Lifecycle.Members;

/// <summary>The content of <c>latest.json</c>: the newest as-of day whose model, lists and reports are all written.</summary>
public sealed record LatestLifecycleDay(DateOnly AsOf);
