namespace Longview.Core.Lifecycle.Members;

/// <summary>What one day's member lists hold: rows and pages per segment, and where the risk came from.</summary>
public sealed record MemberListManifest(DateOnly AsOf, DateTimeOffset ComputedAt, string ChurnRiskSource, int PageRows, IReadOnlyDictionary<string, SegmentListInfo> Segments);

public sealed record SegmentListInfo(long Rows, int Pages);
