namespace Longview.Core.Outcomes;

/// <summary>One row of a breakdown: the value of the dimension (a position, a segment, a model version...) and its totals.</summary>
public sealed record OutcomeGroup(string Key, OutcomeTotals Totals);
