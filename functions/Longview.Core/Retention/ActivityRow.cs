namespace Longview.Core.Retention;

/// <summary>
/// Activity on one UTC day: distinct users active that day (DAU), in the 7 days ending that day (WAU), in the
/// 30 days ending that day (MAU), and stickiness DAU/MAU (null when MAU is 0).
/// </summary>
public sealed record ActivityRow(DateOnly Day, long Dau, long Wau, long Mau, double? Stickiness);
