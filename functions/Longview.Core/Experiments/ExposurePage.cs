namespace Longview.Core.Experiments;

/// <summary>One page of an exposure listing and the cursor of the next (null after the last page).</summary>
public sealed record ExposurePage(IReadOnlyList<ExperimentExposure> Items, string? NextCursor);
