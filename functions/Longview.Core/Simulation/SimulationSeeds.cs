namespace Longview.Core.Simulation;

/// <summary>
/// Per-user seeds by a SplitMix64 finaliser over (seed, user index): each simulated user draws from their own
/// generator, so one user's history never depends on how many users come before or how their draws interleave.
/// </summary>
public static class SimulationSeeds
{
    public static int ForUser(int seed, int userIndex)
    {
        var z = unchecked(((ulong)(uint)seed << 32 | (uint)userIndex) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}
