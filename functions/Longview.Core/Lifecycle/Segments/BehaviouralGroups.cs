namespace Longview.Core.Lifecycle.Segments;

/// <summary>
/// Behavioural groups: k-means (Lloyd's algorithm, k-means++ seeding from a fixed seed, so the same input gives the same
/// groups) over standardised features, k chosen among <c>[minK, maxK]</c> by the mean silhouette (computed on at most
/// <see cref="SilhouetteSample"/> users, a deterministic sample, because it is quadratic). Each group is described by its
/// centroid in words: the features at least half a standard deviation above or below the population.
/// </summary>
public sealed class BehaviouralGroups
{
    public const int SilhouetteSample = 2_000;
    private const int MaxIterations = 100;

    private BehaviouralGroups(int k, double silhouette, int[] labels, double[][] centroids, IReadOnlyList<string> descriptions)
    {
        K = k;
        Silhouette = silhouette;
        Labels = labels;
        Centroids = centroids;
        Descriptions = descriptions;
    }

    public int K { get; }

    /// <summary>The mean silhouette of the chosen k, in [−1, 1]: near 1 well separated, near 0 overlapping.</summary>
    public double Silhouette { get; }

    /// <summary>The group of each input row.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>Centroids in standardised units (z-scores), one row per group.</summary>
    public IReadOnlyList<double[]> Centroids { get; }

    /// <summary>Each group in words, e.g. "high active days 30, low recency days".</summary>
    public IReadOnlyList<string> Descriptions { get; }

    /// <summary>The scaling the centroids live in (fitted on the rows the groups were fitted on).</summary>
    public Standardisation Scaling { get; private init; } = null!;

    /// <summary>The group whose centroid is nearest to <paramref name="row"/> (raw features, scaled here): how a user outside the fit is placed.</summary>
    public static int Nearest(Standardisation scaling, IReadOnlyList<double[]> centroids, IReadOnlyList<double> row)
    {
        ArgumentNullException.ThrowIfNull(scaling);
        ArgumentNullException.ThrowIfNull(centroids);
        var z = scaling.Apply(row);
        var best = 0;
        var bestDistance = double.PositiveInfinity;
        for (var g = 0; g < centroids.Count; g++)
        {
            var distance = SquaredDistance(z, centroids[g]);
            if (distance < bestDistance)
            {
                best = g;
                bestDistance = distance;
            }
        }
        return best;
    }

    public static BehaviouralGroups Fit(IReadOnlyList<double[]> rows, IReadOnlyList<string> featureNames, int minK = 2, int maxK = 8, int seed = 17)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(featureNames);
        if (rows.Count < 2 || rows.Any(r => r.Length != featureNames.Count))
        {
            throw new ArgumentException($"need at least 2 rows of {featureNames.Count} features each", nameof(rows));
        }
        if (minK < 2 || maxK < minK)
        {
            throw new ArgumentOutOfRangeException(nameof(minK), $"k must range over 2 ≤ minK ≤ maxK, got [{minK}, {maxK}]");
        }
        var scaling = Standardisation.Fit(rows);
        var z = rows.Select(scaling.Apply).ToArray();
        var sample = SampleIndexes(z.Length, seed);
        (int K, double Silhouette, int[] Labels, double[][] Centroids)? best = null;
        for (var k = minK; k <= Math.Min(maxK, z.Length - 1); k++)
        {
            var (labels, centroids) = KMeans(z, k, seed);
            var silhouette = MeanSilhouette(z, labels, sample);
            if (best is null || silhouette > best.Value.Silhouette)
            {
                best = (k, silhouette, labels, centroids);
            }
        }
        var chosen = best!.Value;
        return new BehaviouralGroups(chosen.K, chosen.Silhouette, chosen.Labels, chosen.Centroids, [.. chosen.Centroids.Select(c => Describe(c, featureNames))])
        {
            Scaling = scaling,
        };
    }

    /// <summary>The mean silhouette of <paramref name="labels"/> over <paramref name="points"/> (every point), for checks.</summary>
    public static double MeanSilhouette(IReadOnlyList<double[]> points, IReadOnlyList<int> labels) =>
        MeanSilhouette([.. points], [.. labels], [.. Enumerable.Range(0, points.Count)]);

    private static double MeanSilhouette(double[][] points, int[] labels, int[] sample)
    {
        var groups = labels.Max() + 1;
        var sum = 0.0;
        foreach (var i in sample)
        {
            var distance = new double[groups];
            var count = new int[groups];
            foreach (var j in sample)
            {
                if (j == i)
                {
                    continue;
                }
                distance[labels[j]] += Math.Sqrt(SquaredDistance(points[i], points[j]));
                count[labels[j]]++;
            }
            var own = labels[i];
            if (count[own] == 0)
            {
                continue; // a singleton's silhouette is 0 by convention (scikit-learn's)
            }
            var a = distance[own] / count[own];
            var b = double.PositiveInfinity;
            for (var g = 0; g < groups; g++)
            {
                if (g != own && count[g] > 0)
                {
                    b = Math.Min(b, distance[g] / count[g]);
                }
            }
            sum += double.IsPositiveInfinity(b) ? 0 : (b - a) / Math.Max(a, b);
        }
        return sum / sample.Length;
    }

    private static (int[] Labels, double[][] Centroids) KMeans(double[][] points, int k, int seed)
    {
        var random = new Random(seed);
        var centroids = new List<double[]> { (double[])points[random.Next(points.Length)].Clone() };
        var nearest = points.Select(p => SquaredDistance(p, centroids[0])).ToArray();
        while (centroids.Count < k)
        {
            // k-means++: the next seed with probability proportional to its squared distance from the chosen ones.
            var total = nearest.Sum();
            var target = random.NextDouble() * total;
            var next = 0;
            var accumulated = nearest[0];
            while (next < points.Length - 1 && accumulated < target)
            {
                next++;
                accumulated += nearest[next];
            }
            centroids.Add((double[])points[next].Clone());
            for (var i = 0; i < points.Length; i++)
            {
                nearest[i] = Math.Min(nearest[i], SquaredDistance(points[i], centroids[^1]));
            }
        }
        var labels = new int[points.Length];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var changed = false;
            for (var i = 0; i < points.Length; i++)
            {
                var label = 0;
                for (var c = 1; c < k; c++)
                {
                    if (SquaredDistance(points[i], centroids[c]) < SquaredDistance(points[i], centroids[label]))
                    {
                        label = c;
                    }
                }
                changed |= label != labels[i] || iteration == 0;
                labels[i] = label;
            }
            if (!changed)
            {
                break;
            }
            for (var c = 0; c < k; c++)
            {
                var members = Enumerable.Range(0, points.Length).Where(i => labels[i] == c).ToArray();
                if (members.Length == 0)
                {
                    continue; // an emptied group keeps its centroid
                }
                centroids[c] = [.. Enumerable.Range(0, points[0].Length).Select(f => members.Average(i => points[i][f]))];
            }
        }
        return (labels, [.. centroids]);
    }

    private static int[] SampleIndexes(int count, int seed)
    {
        if (count <= SilhouetteSample)
        {
            return [.. Enumerable.Range(0, count)];
        }
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).OrderBy(_ => random.Next()).Take(SilhouetteSample).Order()];
    }

    private static string Describe(double[] centroid, IReadOnlyList<string> names)
    {
        var words = centroid.Select((z, f) => z >= 0.5 ? $"high {names[f]}" : z <= -0.5 ? $"low {names[f]}" : null).OfType<string>().ToList();
        return words.Count == 0 ? "close to the average on every feature" : string.Join(", ", words);
    }

    private static double SquaredDistance(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
