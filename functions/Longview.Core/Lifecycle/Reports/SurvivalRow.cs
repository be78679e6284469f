namespace Longview.Core.Lifecycle.Reports;

/// <summary>
/// One step of a cohort's Kaplan–Meier survival curve: of the users whose lifespan reached <see cref="Day"/> days
/// (<see cref="AtRisk"/>), <see cref="Churned"/> churned at that day; S(t) with its 95% band. <see cref="Cohort"/> is a
/// first-seen month "yyyy-MM", or "all".
/// </summary>
public sealed record SurvivalRow(string Cohort, int Day, int AtRisk, int Churned, double Survival, double Lower, double Upper);
