namespace Longview.Core.Lifecycle.Survival;

/// <summary>
/// One user's lifespan for survival analysis: <see cref="Duration"/> from birth (first activity) to churn when
/// <see cref="Churned"/>, else to the as-of date (right-censored: still alive when last looked at).
/// </summary>
public readonly record struct Lifespan(double Duration, bool Churned);
