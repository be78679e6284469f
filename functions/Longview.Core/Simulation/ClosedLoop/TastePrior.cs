using Longview.Core.Events;

namespace Longview.Core.Simulation.ClosedLoop;

/// <summary>
/// The population of tastes: each real user's genre shares (their engaged items' genres, smoothed towards the
/// population's shares) and how many items they engaged with. A simulated user bootstraps one real user: their
/// taste and whether they are heavy (engaged count at or above the <c>HeavyQuantile</c> of real users).
/// </summary>
public sealed class TastePrior
{
    private readonly double[][] _tastes;
    private readonly int[] _engaged;
    private readonly int[] _sortedEngaged;

    private TastePrior(double[][] tastes, int[] engaged)
    {
        _tastes = tastes;
        _engaged = engaged;
        _sortedEngaged = [.. engaged.Order()];
    }

    public int RealUsers => _tastes.Length;

    public int GenreCount => _tastes[0].Length;

    /// <summary>The engaged-item count at quantile <paramref name="quantile"/> of real users (nearest rank).</summary>
    public int EngagedAtQuantile(double quantile) => _sortedEngaged[(int)Math.Round(Math.Clamp(quantile, 0, 1) * (_sortedEngaged.Length - 1))];

    /// <summary>Bootstraps one real user: a copy of their taste (sums to 1) and whether they are heavy.</summary>
    public (double[] Taste, bool Heavy) Draw(Random random, double heavyQuantile)
    {
        var pick = random.Next(_tastes.Length);
        return ((double[])_tastes[pick].Clone(), _engaged[pick] >= EngagedAtQuantile(heavyQuantile) && heavyQuantile < 1);
    }

    public static TastePrior Fit(ItemFeatures items, IEnumerable<IReadOnlyList<UserEvent>> usersEvents, double smoothing)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(usersEvents);
        if (!double.IsFinite(smoothing) || smoothing < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(smoothing), smoothing, "must be a finite number >= 0");
        }
        var genres = items.Genres.Count;
        var counts = new List<double[]>();
        var engaged = new List<int>();
        var population = new double[genres];
        foreach (var events in usersEvents)
        {
            var count = new double[genres];
            var n = 0;
            foreach (var e in events)
            {
                if (e.ItemId is not { } itemId || !e.Type.IsEngagement())
                {
                    continue;
                }
                var itemGenres = items.GenresOf(itemId);
                if (itemGenres.Length == 0)
                {
                    continue;
                }
                n++;
                foreach (var g in itemGenres)
                {
                    count[g] += 1.0 / itemGenres.Length;
                }
            }
            if (n == 0)
            {
                continue;
            }
            for (var g = 0; g < genres; g++)
            {
                population[g] += count[g];
            }
            counts.Add(count);
            engaged.Add(n);
        }
        if (counts.Count == 0)
        {
            throw new ArgumentException("usersEvents: no user engaged with an item that has a genre", nameof(usersEvents));
        }
        var total = population.Sum();
        var tastes = new double[counts.Count][];
        for (var u = 0; u < counts.Count; u++)
        {
            var own = counts[u].Sum();
            tastes[u] = new double[genres];
            for (var g = 0; g < genres; g++)
            {
                tastes[u][g] = (counts[u][g] + (smoothing * population[g] / total)) / (own + smoothing);
            }
        }
        return new TastePrior(tastes, [.. engaged]);
    }
}
