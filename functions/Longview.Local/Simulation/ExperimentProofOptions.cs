namespace Longview.Local.Simulation;

/// <summary>
/// One route-level experiment proof: <see cref="Users"/> simulated users with a known daily activity probability each,
/// split 50/50 by the product's own assignment; treated users are active with probability p + <see cref="Effect"/>
/// on each of the <see cref="PostDays"/> days after their exposure (0: an A/A test).
/// </summary>
public sealed record ExperimentProofOptions(int Users = 1_000, int Seed = 1, double Effect = 0.05, int PostDays = 8, int PreDays = 28);
