namespace Longview.Core.Outcomes;

/// <summary>
/// The outcome of the lists served on the UTC days [From, To]. <see cref="OpenLists"/> were served too recently for
/// their window to have closed and <see cref="UnmeasuredLists"/> belong to users whose profile no longer holds every
/// event of the window; both are left out of every total. Positions count from 0 (the top of the list); variants are
/// keyed "experiment/variant"; position and reason type rows count impressions, not lists; <see cref="ByDay"/> keys are
/// the UTC serving days (yyyy-MM-dd).
/// </summary>
public sealed record ListOutcomeReport(
    DateOnly From,
    DateOnly To,
    DateTimeOffset ComputedAt,
    double AttributionWindowHours,
    long ScannedLists,
    long OpenLists,
    long UnmeasuredLists,
    OutcomeTotals Overall,
    IReadOnlyList<OutcomeGroup> ByPosition,
    IReadOnlyList<OutcomeGroup> BySegment,
    IReadOnlyList<OutcomeGroup> ByModelVersion,
    IReadOnlyList<OutcomeGroup> ByVariant,
    IReadOnlyList<OutcomeGroup> ByReasonType,
    IReadOnlyList<OutcomeGroup> ByDay);
