using FsCheck.Xunit;
using Longview.Core.Ranking;

namespace Longview.Core.Tests.Ranking;

public sealed class TopKTests
{
    [Property(MaxTest = 300)]
    public bool Selects_exactly_what_a_full_sort_would(float[] raw, int kSeed, int blockSeed)
    {
        var scores = new[] { 99f }.Concat(raw ?? []).ToArray(); // index 0 is padding and scores high on purpose
        var random = new Random(blockSeed);
        var blocked = scores.Select(_ => random.Next(4) == 0).ToArray();
        return SelectsAsAFullSort(scores, blocked, Math.Abs(kSeed % 12));
    }

    /// <summary>
    /// Catalogue-sized vectors with a pool of up to 200, so the heap fills early and the vectorised scan, which offers
    /// only the lanes that reach the weakest kept score, does most of the work: ties, NaN, infinities and signed zeros
    /// included.
    /// </summary>
    [Property(MaxTest = 200)]
    public bool Selects_what_a_full_sort_would_on_catalogue_sized_vectors(int seed, int kSeed, int lengthSeed)
    {
        var random = new Random(seed);
        var length = 1 + Math.Abs(lengthSeed % 5_000);
        float[] special = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, 1f];
        var scores = new float[length];
        for (var i = 0; i < length; i++)
        {
            scores[i] = random.Next(20) == 0 ? special[random.Next(special.Length)]
                : random.Next(3) == 0 ? random.Next(50) / 8f // coarse values: many ties
                : (float)(random.NextDouble() * 20 - 10);
        }
        var blocked = scores.Select(_ => random.Next(10) == 0).ToArray();
        return SelectsAsAFullSort(scores, blocked, Math.Abs(kSeed % 201));
    }

    /// <summary>The oracle: every unblocked, non-NaN index but the padding, best score first, ties by index, the first k.</summary>
    private static bool SelectsAsAFullSort(float[] scores, bool[] blocked, int k)
    {
        var expected = Enumerable.Range(1, scores.Length - 1)
            .Where(i => !blocked[i] && !float.IsNaN(scores[i]))
            .OrderByDescending(i => scores[i]).ThenBy(i => i)
            .Take(k).ToArray();

        var destination = new int[k];
        var n = TopK.Select(scores, blocked, destination);

        return destination[..n].SequenceEqual(expected);
    }

    [Fact]
    public void Never_returns_padding_blocked_or_nan()
    {
        float[] scores = [100, float.NaN, 3, 5, 1];
        var destination = new int[5];

        var n = TopK.Select(scores, [false, false, false, true, false], destination);

        Assert.Equal([2, 4], destination[..n]);
    }
}
