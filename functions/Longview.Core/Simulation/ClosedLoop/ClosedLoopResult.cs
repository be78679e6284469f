namespace Longview.Core.Simulation.ClosedLoop;

/// <summary>One simulated user's totals over the horizon.</summary>
public sealed record SimulatedUserOutcome(string UserId, bool Heavy, int Sessions, int Requests, int Impressions, int ItemsConsumed, int DistinctGenresConsumed, bool Churned);

/// <summary>What one closed-loop run did (retention itself is read from the store by the retention code).</summary>
public sealed record ClosedLoopResult(IReadOnlyList<SimulatedUserOutcome> Users, long EventsIngested, int Retrainings = 0)
{
    public double SessionsPerUser => Users.Count == 0 ? 0 : Users.Average(u => u.Sessions);

    public double ItemsConsumedPerUser => Users.Count == 0 ? 0 : Users.Average(u => u.ItemsConsumed);

    public double DistinctGenresPerUser => Users.Count == 0 ? 0 : Users.Average(u => u.DistinctGenresConsumed);
}
