namespace Longview.Core.Simulation;

/// <summary>
/// The hidden nature of one synthetic user: how often they come, how likely they are to leave for good each day,
/// when they arrive, and what they like.
/// </summary>
internal sealed record UserTraits(
    bool Heavy,
    double VisitProbability,
    double DailyChurnHazard,
    int SignupDay,
    double[] Taste,
    int PreferredHour)
{
    public static UserTraits Draw(Random random, int days, int categories)
    {
        // Activity is power-law: most users are casual, a few come almost every day.
        var heavy = random.NextDouble() < 0.12;
        var pareto = Math.Pow(1 - random.NextDouble(), -1 / 1.6);
        var visit = Math.Clamp((heavy ? 0.35 : 0.04) * pareto, 0.01, 0.95);
        // Churn hazards are log-normal around 1%/day for heavy users and 6%/day for casual ones.
        var hazard = Math.Clamp(Math.Exp(Math.Log(heavy ? 0.01 : 0.06) + Gaussian(random)), 0.0005, 0.5);
        // Arrivals spread over the period, with a backlog of earlier users at day 0.
        var signup = random.NextDouble() < 0.3 ? 0 : random.Next(Math.Max(1, days * 9 / 10));
        var taste = new double[categories];
        for (var c = 0; c < categories; c++)
        {
            taste[c] = 0.05 * random.NextDouble();
        }
        var favourites = 1 + random.Next(3);
        for (var f = 0; f < favourites; f++)
        {
            taste[random.Next(categories)] += 1.0 / (f + 1);
        }
        var total = taste.Sum();
        for (var c = 0; c < categories; c++)
        {
            taste[c] /= total;
        }
        var hour = (int)Math.Clamp(20 + 4 * Gaussian(random), 0, 23);
        return new UserTraits(heavy, visit, hazard, signup, taste, hour);
    }

    public int FavouriteCategory(Random random)
    {
        var target = random.NextDouble();
        for (var c = 0; c < Taste.Length; c++)
        {
            target -= Taste[c];
            if (target <= 0)
            {
                return c;
            }
        }
        return Taste.Length - 1;
    }

    private static double Gaussian(Random random)
    {
        // Box-Muller: System.Random has no normal draw.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
