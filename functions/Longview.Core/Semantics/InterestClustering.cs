namespace Longview.Core.Semantics;

/// <summary>
/// Deterministic spherical k-means over a handful of text embeddings (a user's engaged items): the first centre is the
/// first vector (the most recent item), each next one the vector least similar to the centres so far (farthest-first,
/// ties to the lower index; a near-duplicate of a centre never seeds another), then Lloyd iterations on cosine
/// similarity until the assignment stops changing. Same input, same clusters: no randomness, ties by index.
/// </summary>
public static class InterestClustering
{
    /// <summary>Lloyd iterations at most; a few dozen points settle in two or three.</summary>
    public const int MaxIterations = 20;

    /// <summary>A vector this similar to a centre is the same interest, not a new seed.</summary>
    public const float SameInterest = 0.999f;

    /// <summary>
    /// The cluster of each vector (0..clusters-1, every cluster non-empty, numbered by size, then by first member),
    /// at most <paramref name="maxClusters"/> clusters.
    /// </summary>
    public static int[] Assign(IReadOnlyList<float[]> vectors, int maxClusters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClusters, 1);
        var n = vectors.Count;
        if (n == 0)
        {
            return [];
        }
        var unit = vectors.Select(Normalized).ToArray();
        var centres = new List<float[]> { unit[0] };
        var nearest = unit.Select(v => VectorMath.Dot(v, unit[0])).ToArray();
        while (centres.Count < Math.Min(maxClusters, n))
        {
            var next = -1;
            for (var i = 0; i < n; i++)
            {
                if (nearest[i] < SameInterest && (next < 0 || nearest[i] < nearest[next]))
                {
                    next = i;
                }
            }
            if (next < 0)
            {
                break;
            }
            centres.Add(unit[next]);
            for (var i = 0; i < n; i++)
            {
                nearest[i] = Math.Max(nearest[i], VectorMath.Dot(unit[i], unit[next]));
            }
        }
        var assignment = new int[n];
        Array.Fill(assignment, -1);
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var changed = false;
            for (var i = 0; i < n; i++)
            {
                var best = 0;
                var bestSimilarity = float.NegativeInfinity;
                for (var c = 0; c < centres.Count; c++)
                {
                    var similarity = VectorMath.Dot(unit[i], centres[c]);
                    if (similarity > bestSimilarity)
                    {
                        best = c;
                        bestSimilarity = similarity;
                    }
                }
                changed |= assignment[i] != best;
                assignment[i] = best;
            }
            if (!changed)
            {
                break;
            }
            for (var c = 0; c < centres.Count; c++)
            {
                var sum = new float[unit[0].Length];
                var members = 0;
                for (var i = 0; i < n; i++)
                {
                    if (assignment[i] == c)
                    {
                        members++;
                        for (var d = 0; d < sum.Length; d++)
                        {
                            sum[d] += unit[i][d];
                        }
                    }
                }
                if (members > 0)
                {
                    centres[c] = Normalized(sum);
                }
            }
        }
        // Renumber: largest cluster first, then by its first member; empty clusters vanish.
        var order = Enumerable.Range(0, centres.Count)
            .Select(c => (Cluster: c, Size: assignment.Count(a => a == c), First: Array.IndexOf(assignment, c)))
            .Where(c => c.Size > 0)
            .OrderByDescending(c => c.Size).ThenBy(c => c.First)
            .Select((c, rank) => (c.Cluster, rank))
            .ToDictionary(c => c.Cluster, c => c.rank);
        return [.. assignment.Select(a => order[a])];
    }

    /// <summary>The unit vector along <paramref name="vector"/> (a copy); a zero vector stays zero.</summary>
    public static float[] Normalized(float[] vector)
    {
        var norm = MathF.Sqrt(VectorMath.Dot(vector, vector));
        return norm > 0 && float.IsFinite(norm) ? [.. vector.Select(v => v / norm)] : new float[vector.Length];
    }
}
