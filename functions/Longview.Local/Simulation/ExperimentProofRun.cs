namespace Longview.Local.Simulation;

/// <summary>
/// What one proof run measured through the product's results route, per metric: the true effect the simulation
/// injected (the population mean of each user's expected difference), and the product's raw and CUPED intervals.
/// </summary>
public sealed record ExperimentProofRun(int Seed, double Effect, long ControlUsers, long TreatmentUsers, double SampleRatioP, IReadOnlyList<ProofMetric> Metrics);

/// <summary>One metric of a proof run; Covered says the product's 95% interval holds the true effect.</summary>
public sealed record ProofMetric(string Metric, double TrueEffect, double Difference, double Lower, double Upper, double CupedLower, double CupedUpper, double VarianceReduction)
{
    public bool Covered => Lower <= TrueEffect && TrueEffect <= Upper;

    public bool CupedCovered => CupedLower <= TrueEffect && TrueEffect <= CupedUpper;

    /// <summary>The interval excludes zero: a detection (a false positive when the true effect is 0).</summary>
    public bool Significant => Lower > 0 || Upper < 0;

    public bool CupedSignificant => CupedLower > 0 || CupedUpper < 0;
}
