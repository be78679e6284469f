namespace Longview.Core.Lifecycle.Members;

/// <summary>
/// One page of a segment's member list: members in rank order (value at risk), the cursor of the next page (null at the
/// end), and the size of the whole list that day.
/// </summary>
public sealed record MemberPage(DateOnly AsOf, string Segment, long SegmentRows, IReadOnlyList<SegmentMember> Users, string? NextCursor);
