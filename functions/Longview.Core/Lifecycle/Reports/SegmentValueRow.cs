namespace Longview.Core.Lifecycle.Reports;

/// <summary>
/// One segment on the as-of day (a lifecycle stage such as "at_risk", an RFM tier "rfm_champions" or a behavioural
/// group "group_2"): its size, predicted value over the horizon, value at risk (Σ predicted value × churn risk) and
/// mean churn risk.
/// </summary>
public sealed record SegmentValueRow(string Segment, long Users, double PredictedValue, double ValueAtRisk, double MeanChurnRisk);
