namespace Longview.Core.Lifecycle.Survival;

/// <summary>
/// The Kaplan–Meier curve at one event time: how many were at risk, how many churned then, S(t) just after, its
/// Greenwood standard error, and the pointwise confidence band on the complementary log-log scale.
/// </summary>
public sealed record SurvivalStep(double Time, int AtRisk, int Churned, double Survival, double StandardError, double Lower, double Upper);
