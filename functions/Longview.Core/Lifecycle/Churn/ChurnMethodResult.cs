namespace Longview.Core.Lifecycle.Churn;

/// <summary>One churn score's results on the temporal protocol.</summary>
public sealed record ChurnMethodResult(string Method, ChurnScorecard Scorecard);
