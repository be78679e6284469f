using Longview.Core.Retention;

namespace Longview.Benchmarks.Retention;

/// <summary>
/// Deterministic synthetic population: first-seen days uniform over the period; each user returns after
/// exponentially distributed gaps (mean 1-20 days, per user) until a per-user lifetime (mean 60 days) ends.
/// </summary>
internal static class SimulatedActivity
{
    public static UserActivity[] Generate(int users, DateOnly start, int days, int seed)
    {
        var random = new Random(seed);
        var population = new UserActivity[users];
        var buffer = new List<DateOnly>(days);
        for (var u = 0; u < users; u++)
        {
            buffer.Clear();
            var first = random.Next(days);
            var meanGap = 1 + (random.NextDouble() * 19);
            var lifetime = -60 * Math.Log(1 - random.NextDouble());
            var day = (double)first;
            while (day < days && day - first <= lifetime)
            {
                buffer.Add(start.AddDays((int)day));
                day = Math.Floor(day) + 1 + Math.Floor(-meanGap * Math.Log(1 - random.NextDouble()));
            }
            population[u] = new UserActivity($"user-{u}", buffer[0], buffer.ToArray(), buffer[^1]);
        }
        return population;
    }
}
