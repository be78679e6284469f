namespace Longview.Core.Ranking;

/// <summary>
/// Re-ranks a candidate pool for long-term value: greedy MMR (relevance + novelty - similarity to what is already
/// placed - fatigue; similarity of meanings where both candidates carry an embedding, of categories otherwise:
/// <see cref="PoolSimilarity"/>), plus exploration slots that grow with churn risk. Pure and deterministic: the same
/// candidates, weights and seed always give the same list.
/// </summary>
public static class RetentionReRanker
{
    public static IReadOnlyList<RankedItem> Rerank(IReadOnlyList<Candidate> candidates, int count, RankingWeights weights, double churnRisk, int seed,
        double embeddingSimilarityFloor = PoolSimilarity.DefaultFloor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var pool = Deduplicate(candidates);
        count = Math.Min(count, pool.Count);
        if (count == 0)
        {
            return [];
        }

        var relevance = Normalise(pool, c => c.Relevance);
        var novelty = Normalise(pool, c => -Math.Log(Math.Clamp(c.Popularity, 1e-12, 1)));
        var base_ = new double[pool.Count];
        for (var i = 0; i < pool.Count; i++)
        {
            base_[i] = relevance[i] + weights.Novelty * novelty[i] - weights.Fatigue * Math.Clamp(pool[i].Fatigue, 0, 1);
        }

        var random = new Random(seed);
        var exploreSlots = ExplorationSlots(count, weights.ExplorationShareFor(churnRisk));
        var explorers = PickExplorers(pool, base_, relevance, count - exploreSlots, exploreSlots, random);
        var taken = new bool[pool.Count];
        foreach (var e in explorers)
        {
            taken[e] = true;
        }

        // Sum of similarities to the placed items, updated once per placement: O(count * pool) similarity checks.
        var similarity = new PoolSimilarity(pool, embeddingSimilarityFloor);
        var similaritySum = new double[pool.Count];
        var placed = new List<(int Index, double Score)>(count);
        var exploitCount = count - explorers.Count;
        for (var slot = 0; slot < exploitCount; slot++)
        {
            var best = -1;
            var bestValue = double.NegativeInfinity;
            for (var i = 0; i < pool.Count; i++)
            {
                if (taken[i])
                {
                    continue;
                }
                var value = base_[i] - (placed.Count == 0 ? 0 : weights.Diversity * similaritySum[i] / placed.Count);
                if (value > bestValue)
                {
                    best = i;
                    bestValue = value;
                }
            }
            if (best < 0)
            {
                break;
            }
            taken[best] = true;
            placed.Add((best, bestValue));
            for (var i = 0; i < pool.Count; i++)
            {
                if (!taken[i])
                {
                    similaritySum[i] += similarity.Of(i, best);
                }
            }
        }

        var result = new List<RankedItem>(count);
        foreach (var (index, score) in placed)
        {
            result.Add(new RankedItem(pool[index], score, false, ExplanationFor(pool[index], exploration: false)));
        }
        // Exploration never takes the first position: the head of the list is the user's best bet.
        foreach (var e in explorers)
        {
            var position = result.Count == 0 ? 0 : 1 + random.Next(result.Count);
            result.Insert(position, new RankedItem(pool[e], base_[e], true, ExplanationFor(pool[e], exploration: true)));
        }
        return result;
    }

    private static List<Candidate> Deduplicate(IReadOnlyList<Candidate> candidates)
    {
        var seen = new Dictionary<string, int>(candidates.Count, StringComparer.Ordinal);
        var pool = new List<Candidate>(candidates.Count);
        foreach (var c in candidates)
        {
            if (seen.TryGetValue(c.ItemId, out var at))
            {
                // Keep the stronger entry: an item can arrive both from the model and as a new item.
                if (c.Relevance > pool[at].Relevance)
                {
                    pool[at] = c;
                }
                continue;
            }
            seen[c.ItemId] = pool.Count;
            pool.Add(c);
        }
        return pool;
    }

    private static int ExplorationSlots(int count, double share) =>
        count < 2 || share <= 0 ? 0 : Math.Min(count - 1, (int)Math.Round(count * share, MidpointRounding.AwayFromZero));

    /// <summary>
    /// Exploration draws from what pure relevance would not show: new items first (those the model scored from their
    /// text best-first, the rest in seeded random order), then the candidates outside the relevance top, weighted
    /// toward novelty, in seeded random order.
    /// </summary>
    private static List<int> PickExplorers(List<Candidate> pool, double[] value, double[] relevance, int exploitCount, int slots, Random random)
    {
        var explorers = new List<int>(slots);
        if (slots == 0)
        {
            return explorers;
        }
        // Sorts with an index tie-break are total orders, so Array.Sort gives exactly the order of the stable LINQ sort
        // this replaced (OrderByDescending + ThenBy index), without its per-request buffers and delegates.
        var order = new int[pool.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (a, b) => ByValueThenIndex(relevance, a, b));
        var head = new bool[pool.Count];
        for (var i = 0; i < Math.Min(Math.Max(exploitCount, 0), order.Length); i++)
        {
            head[order[i]] = true;
        }
        var fresh = new List<int>();
        var tail = new List<int>();
        foreach (var i in order)
        {
            if (head[i] && pool[i].Source != CandidateSource.NewItem)
            {
                continue;
            }
            (pool[i].Source == CandidateSource.NewItem ? fresh : tail).Add(i);
        }
        Shuffle(fresh, random);
        // A stable sort: ties and items without a text score keep the seeded order (and the draws stay the same).
        fresh = [.. fresh.OrderByDescending(i => pool[i].NewItemScore.HasValue).ThenByDescending(i => pool[i].NewItemScore ?? 0)];
        // The tail keeps its best-value half as the draw, so exploration is novel but not arbitrary.
        tail.Sort((a, b) => ByValueThenIndex(value, a, b));
        var draw = tail.GetRange(0, Math.Min(Math.Max(slots * 2, 1), tail.Count));
        Shuffle(draw, random);
        foreach (var list in (List<int>[])[fresh, draw])
        {
            foreach (var i in list)
            {
                if (explorers.Count == slots)
                {
                    break;
                }
                if (!explorers.Contains(i))
                {
                    explorers.Add(i);
                }
            }
        }
        return explorers;
    }

    /// <summary>Higher value first, then the lower index (<see cref="double.CompareTo(double)"/>: the order LINQ used).</summary>
    private static int ByValueThenIndex(double[] values, int a, int b)
    {
        var byValue = values[b].CompareTo(values[a]);
        return byValue != 0 ? byValue : a.CompareTo(b);
    }

    private static void Shuffle(List<int> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static double[] Normalise(List<Candidate> pool, Func<Candidate, double> value)
    {
        var values = new double[pool.Count];
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var i = 0; i < pool.Count; i++)
        {
            var v = value(pool[i]);
            values[i] = double.IsFinite(v) ? v : 0;
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }
        var span = max - min;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = span > 0 ? (values[i] - min) / span : 1;
        }
        return values;
    }

    private static string ExplanationFor(Candidate candidate, bool exploration)
    {
        if (candidate.Source == CandidateSource.NewItem)
        {
            return candidate.Anchor is null ? "something new" : $"because you liked {candidate.Anchor}";
        }
        if (exploration)
        {
            return candidate.Categories.Count > 0 ? $"something different in {candidate.Categories[0]}" : "something different";
        }
        if (candidate.Anchor is not null)
        {
            return $"because you liked {candidate.Anchor}";
        }
        var category = candidate.AffineCategory ?? (candidate.Categories.Count > 0 ? candidate.Categories[0] : null);
        if (candidate.Source == CandidateSource.Model)
        {
            return category is null ? "picked for you" : $"for your taste in {category}";
        }
        return category is null ? "popular now" : $"popular in {category}";
    }
}
