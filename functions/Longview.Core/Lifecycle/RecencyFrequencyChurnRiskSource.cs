using Longview.Core.Profiles;
using Longview.Core.Retention;

namespace Longview.Core.Lifecycle;

/// <summary>The fallback risk source: <see cref="RecencyFrequencyChurnScore"/> on every as-of day.</summary>
public sealed class RecencyFrequencyChurnRiskSource : IChurnRiskSource
{
    /// <summary>The source name segment reports carry when this score was used.</summary>
    public const string SourceName = "recency-frequency";

    private readonly RecencyFrequencyChurnScore _score;

    public RecencyFrequencyChurnRiskSource(RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _score = new RecencyFrequencyChurnScore(options.Lifecycle);
    }

    public IChurnRiskScorer Open(DateOnly asOf) => new Scorer(_score, asOf);

    private sealed class Scorer(RecencyFrequencyChurnScore score, DateOnly asOf) : IChurnRiskScorer
    {
        public string Source => SourceName;

        public double Score(UserProfile? profile, UserActivity activity) => score.Score(activity, asOf);

        public void Dispose()
        {
        }
    }
}
