namespace Longview.Core.Semantics;

/// <summary>
/// How a text-scored item's score is put on the known items' scale (training/longview_training/new_item_scoring.py,
/// the same formula): <c>offset + wText · textScore + wCategory · categoryAffinity + wContent · contentSimilarity
/// + wRecent · recentCategoryAffinity</c>.
/// The raw projection gives a new item the score of a typical item with its text; items that arrive late are mostly
/// obscure, so the training job fits these weights on pseudo-new items before its cutoff. A model version without
/// them (an older manifest) serves the raw text score: <see cref="Raw"/>.
/// </summary>
public sealed class NewItemScoring
{
    /// <summary>The features in the order of the manifest's weights.</summary>
    public static readonly IReadOnlyList<string> Features = ["textScore", "categoryAffinity", "contentSimilarity", "recentCategoryAffinity"];

    /// <summary>recentCategoryAffinity reads the newest this many input items (RECENT_ITEMS in the training code).</summary>
    public const int RecentItems = 10;

    private NewItemScoring(float offset, float text, float category, float content, float recent)
    {
        Offset = offset;
        TextWeight = text;
        CategoryWeight = category;
        ContentWeight = content;
        RecentCategoryWeight = recent;
    }

    /// <summary>The projection's own score (what model versions without a fitted combiner serve).</summary>
    public static NewItemScoring Raw { get; } = new(0, 1, 0, 0, 0);

    public float Offset { get; }

    public float TextWeight { get; }

    public float CategoryWeight { get; }

    public float ContentWeight { get; }

    public float RecentCategoryWeight { get; }

    /// <summary>Whether a request needs the input items' categories or embeddings at all.</summary>
    public bool UsesInput => CategoryWeight != 0 || ContentWeight != 0 || RecentCategoryWeight != 0;

    /// <summary>From the manifest's <c>text.scoring</c> section; a precise error when it does not fit this formula.</summary>
    public static NewItemScoring Create(IReadOnlyList<string>? features, IReadOnlyList<double>? weights, double offset)
    {
        if (features is null || weights is null)
        {
            throw new FormatException("text.scoring needs features and weights");
        }
        if (!features.SequenceEqual(Features, StringComparer.Ordinal))
        {
            throw new FormatException($"text.scoring.features [{string.Join(", ", features)}]: this server scores new items from [{string.Join(", ", Features)}], in that order");
        }
        if (weights.Count != Features.Count)
        {
            throw new FormatException($"text.scoring.weights has {weights.Count} values for {Features.Count} features");
        }
        if (!double.IsFinite(offset) || weights.Any(w => !double.IsFinite(w)))
        {
            throw new FormatException("text.scoring holds a non-finite weight or offset");
        }
        return new NewItemScoring((float)offset, (float)weights[0], (float)weights[1], (float)weights[2], (float)weights[3]);
    }

    /// <summary>What the features need from one request: the model's input items (the history it scored).</summary>
    public Input ForInput(IReadOnlyList<IReadOnlyList<string>> inputCategories, IEnumerable<float[]?> inputEmbeddings, int textDimensions)
    {
        var recentFrom = Math.Max(0, inputCategories.Count - RecentItems);
        var all = CategoryWeight != 0 ? CategoryShares.Count(inputCategories, 0) : CategoryShares.Empty;
        var recent = RecentCategoryWeight != 0 ? CategoryShares.Count(inputCategories, recentFrom) : CategoryShares.Empty;
        var centroid = new float[ContentWeight != 0 ? textDimensions : 0];
        if (ContentWeight != 0)
        {
            foreach (var e in inputEmbeddings)
            {
                if (e is not null && e.Length == textDimensions)
                {
                    for (var k = 0; k < textDimensions; k++)
                    {
                        centroid[k] += e[k];
                    }
                }
            }
        }
        var norm = MathF.Sqrt(VectorMath.Dot(centroid, centroid));
        return new Input(all, recent, centroid, norm);
    }

    /// <summary>The new item's score, on the known items' scale.</summary>
    public float Score(float textScore, Input input, IReadOnlyList<string> itemCategories, ReadOnlySpan<float> itemEmbedding)
    {
        var score = Offset + TextWeight * textScore;
        if (CategoryWeight != 0)
        {
            score += CategoryWeight * input.CategoryAffinity(itemCategories);
        }
        if (RecentCategoryWeight != 0)
        {
            score += RecentCategoryWeight * input.RecentCategoryAffinity(itemCategories);
        }
        if (ContentWeight != 0)
        {
            score += ContentWeight * input.ContentSimilarity(itemEmbedding);
        }
        return score;
    }

    /// <summary>The model's input items as the features see them.</summary>
    public sealed class Input(CategoryShares all, CategoryShares recent, float[] centroid, float centroidNorm)
    {
        /// <summary>The largest share of the input items that have one of the item's categories (0 without any).</summary>
        public float CategoryAffinity(IReadOnlyList<string> itemCategories) => all.Affinity(itemCategories);

        /// <summary>The same over the newest <see cref="RecentItems"/> input items.</summary>
        public float RecentCategoryAffinity(IReadOnlyList<string> itemCategories) => recent.Affinity(itemCategories);

        /// <summary>The cosine between the item's text embedding and the sum of the input items' (0 when either is missing).</summary>
        public float ContentSimilarity(ReadOnlySpan<float> itemEmbedding)
        {
            if (itemEmbedding.Length != centroid.Length || centroidNorm == 0)
            {
                return 0;
            }
            var norm = MathF.Sqrt(VectorMath.Dot(itemEmbedding, itemEmbedding));
            return norm == 0 ? 0 : VectorMath.Dot(itemEmbedding, centroid) / (norm * centroidNorm);
        }
    }
}
