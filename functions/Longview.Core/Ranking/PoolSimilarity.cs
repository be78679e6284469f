namespace Longview.Core.Ranking;

/// <summary>
/// How alike two candidates of one pool are, for the re-ranker's diversity term: when both carry a text embedding, the
/// cosine of their meanings rescaled from [<c>floor</c>, 1] to [0, 1] (sentence embeddings of any two items are fairly
/// similar: arctic-embed-xs puts Heat 0.90 from Casino and 0.80 from Toy Story, so the raw cosine would make every pair
/// alike and swamp the category pairs); otherwise the Jaccard of their categories (<see cref="PoolCategories"/>).
/// </summary>
internal sealed class PoolSimilarity(IReadOnlyList<Candidate> pool, double floor)
{
    /// <summary>Cosines at or below this count as unrelated (about the arctic-embed-xs cosine of unrelated titles).</summary>
    public const double DefaultFloor = 0.75;

    private readonly PoolCategories _categories = new(pool);

    public double Of(int a, int b)
    {
        if (pool[a].Embedding is { } x && pool[b].Embedding is { } y && x.Length == y.Length && floor < 1)
        {
            var cosine = Semantics.VectorMath.Dot(x, y);
            return Math.Clamp((cosine - floor) / (1 - floor), 0, 1);
        }
        return _categories.Jaccard(a, b);
    }
}
