namespace Longview.Local.Experiments;

/// <summary>
/// Where an experiment stands: <see cref="RunsDone"/> of <see cref="Runs"/> (arm × seed) runs finished, and the share
/// of simulated days the current run (<see cref="Arm"/>, <see cref="Seed"/>) has covered.
/// </summary>
public readonly record struct ExperimentProgress(int RunsDone, int Runs, string Arm, int Seed, double RunFraction)
{
    /// <summary>Runs done, counting the current one by its share: what a progress bar of <see cref="Runs"/> shows.</summary>
    public double Value => RunsDone + RunFraction;
}
