namespace Longview.Core.Lifecycle.Reports;

/// <summary>The size of one segment on one as-of day: the points of the segment-sizes-over-time chart.</summary>
public sealed record SegmentSizeRow(DateOnly AsOf, string Segment, long Users);
