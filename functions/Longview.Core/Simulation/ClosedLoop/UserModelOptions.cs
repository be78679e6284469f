namespace Longview.Core.Simulation.ClosedLoop;

/// <summary>
/// Every parameter of the simulated user (README.md in this folder says where each default comes from). The return
/// process defaults (<see cref="ReturnRateMean"/>, <see cref="ReturnRateShape"/>, <see cref="ChurnPerSession"/>) are
/// the values the calibration fitted to ml-1m under the popularity policy.
/// </summary>
public sealed class UserModelOptions
{
    /// <summary>Pseudo-count of the population's genre shares added to each real user's genre counts (taste prior smoothing).</summary>
    public double TasteSmoothing { get; set; } = 5;

    /// <summary>Users whose bootstrapped real user has at least this quantile of rating counts are heavy.</summary>
    public double HeavyQuantile { get; set; } = 0.75;

    /// <summary>Heavy users' return rate is this many times a casual user's.</summary>
    public double HeavyRateMultiplier { get; set; } = 2;

    /// <summary>Probability to look at the item in list position i is this to the power i (position bias).</summary>
    public double ExamineDecay { get; set; } = 0.9;

    /// <summary>Click logit intercept (an examined item of no relevance, no appeal, no novelty).</summary>
    public double ClickIntercept { get; set; } = -3;

    /// <summary>Click logit per unit of relevance to the user's taste (0..1).</summary>
    public double RelevanceWeight { get; set; } = 3;

    /// <summary>Click logit per unit of item appeal (its popularity percentile in the real dataset, 0..1).</summary>
    public double AppealWeight { get; set; } = 1;

    /// <summary>Click logit bonus for an item none of whose genres the user consumed in their last <see cref="NoveltyMemory"/> items.</summary>
    public double NoveltyWeight { get; set; } = 0.5;

    /// <summary>How many recently consumed items define "familiar" genres for novelty.</summary>
    public int NoveltyMemory { get; set; } = 10;

    /// <summary>An already consumed item is clicked with this fraction of its fresh probability (repetition).</summary>
    public double RepeatClickFactor { get; set; } = 0.1;

    /// <summary>Each earlier impression of an unconsumed item multiplies its click probability by this (fatigue).</summary>
    public double ImpressionFatigue { get; set; } = 0.6;

    /// <summary>Probability that a click is followed by a rating.</summary>
    public double RateProbability { get; set; } = 0.7;

    /// <summary>Standard deviation of the noise on a rating (stars) around 1 + 2.5 relevance + 1.5 appeal.</summary>
    public double RatingNoise { get; set; } = 0.8;

    /// <summary>After a page with at least one click, a casual user asks for another page with this probability.</summary>
    public double ContinueProbability { get; set; } = 0.4;

    /// <summary>The same for heavy users.</summary>
    public double HeavyContinueProbability { get; set; } = 0.7;

    /// <summary>Most pages (recommendation requests) in one session.</summary>
    public int MaxPagesPerSession { get; set; } = 3;

    /// <summary>Mean of the per-user base return rate (returns per day) of a casual user; fitted by calibration.</summary>
    public double ReturnRateMean { get; set; } = 0.03;

    /// <summary>Gamma shape of the per-user base return rate: small means very unequal users (bursty); fitted.</summary>
    public double ReturnRateShape { get; set; } = 0.25;

    /// <summary>Share of returns that are a quick follow-up (a binge: mean <see cref="QuickReturnDays"/>) rather than a draw from the user's own rate; fitted.</summary>
    public double QuickReturnShare { get; set; } = 0.3;

    /// <summary>Mean days to a quick follow-up return (before satisfaction and boredom act on it).</summary>
    public double QuickReturnDays { get; set; } = 1;

    /// <summary>Probability of leaving for good after a session of reference satisfaction and no boredom; fitted.</summary>
    public double ChurnPerSession { get; set; } = 0.15;

    /// <summary>Session satisfaction (share of shown items clicked) at which the return rate and churn are at their base values.</summary>
    public double ReferenceSatisfaction { get; set; } = 0.2;

    /// <summary>Return rate is multiplied, and churn divided, by exp(this x (satisfaction - reference)).</summary>
    public double SatisfactionEffect { get; set; } = 4;

    /// <summary>Return rate is divided, and churn multiplied, by exp(this x boredom) (boredom = share of shown items already consumed or shown twice).</summary>
    public double BoredomEffect { get; set; } = 2;

    /// <summary>Impressions of an item before this session after which showing it again counts as boring.</summary>
    public int BoredAfterImpressions { get; set; } = 2;

    public UserModelOptions Clone() => (UserModelOptions)MemberwiseClone();

    /// <summary>Every problem, one message each (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Range(string name, double value, double min, double max)
        {
            if (!double.IsFinite(value) || value < min || value > max)
            {
                problems.Add($"{name}: {value} is outside {min}..{max}");
            }
        }
        Range(nameof(TasteSmoothing), TasteSmoothing, 0, 1_000);
        Range(nameof(HeavyQuantile), HeavyQuantile, 0, 1);
        Range(nameof(HeavyRateMultiplier), HeavyRateMultiplier, 0.01, 100);
        Range(nameof(ExamineDecay), ExamineDecay, 0, 1);
        Range(nameof(ClickIntercept), ClickIntercept, -20, 20);
        Range(nameof(RelevanceWeight), RelevanceWeight, -20, 20);
        Range(nameof(AppealWeight), AppealWeight, -20, 20);
        Range(nameof(NoveltyWeight), NoveltyWeight, -20, 20);
        Range(nameof(NoveltyMemory), NoveltyMemory, 1, 1_000);
        Range(nameof(RepeatClickFactor), RepeatClickFactor, 0, 1);
        Range(nameof(ImpressionFatigue), ImpressionFatigue, 0, 1);
        Range(nameof(RateProbability), RateProbability, 0, 1);
        Range(nameof(RatingNoise), RatingNoise, 0, 5);
        Range(nameof(ContinueProbability), ContinueProbability, 0, 1);
        Range(nameof(HeavyContinueProbability), HeavyContinueProbability, 0, 1);
        Range(nameof(MaxPagesPerSession), MaxPagesPerSession, 1, 20);
        Range(nameof(ReturnRateMean), ReturnRateMean, 1e-4, 50);
        Range(nameof(ReturnRateShape), ReturnRateShape, 0.05, 100);
        Range(nameof(QuickReturnShare), QuickReturnShare, 0, 1);
        Range(nameof(QuickReturnDays), QuickReturnDays, 0.01, 30);
        Range(nameof(ChurnPerSession), ChurnPerSession, 0, 1);
        Range(nameof(ReferenceSatisfaction), ReferenceSatisfaction, 0, 1);
        Range(nameof(SatisfactionEffect), SatisfactionEffect, 0, 50);
        Range(nameof(BoredomEffect), BoredomEffect, 0, 50);
        Range(nameof(BoredAfterImpressions), BoredAfterImpressions, 1, 1_000);
        return problems;
    }

    public void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid user model options: " + string.Join("; ", problems));
        }
    }
}
