using Longview.Core.Retention;

namespace Longview.Core.Lifecycle;

/// <summary>Streaming count of users per lifecycle segment on one as-of day (users first seen later are not counted).</summary>
public sealed class SegmentTally
{
    private readonly LifecycleClassifier _classifier;
    private readonly long[] _counts = new long[Enum.GetValues<LifecycleSegment>().Length];

    public SegmentTally(LifecycleClassifier classifier, DateOnly asOf, string churnRiskSource = RecencyFrequencyChurnRiskSource.SourceName)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentException.ThrowIfNullOrWhiteSpace(churnRiskSource);
        _classifier = classifier;
        AsOf = asOf;
        ChurnRiskSource = churnRiskSource;
    }

    public DateOnly AsOf { get; }

    /// <summary>Where the risks passed to <see cref="Add"/> come from (a model version or "recency-frequency").</summary>
    public string ChurnRiskSource { get; private set; }

    /// <summary>Classifies and counts one user; returns its segment (null when first seen after the as-of day).</summary>
    public LifecycleSegment? Add(UserActivity activity, double? churnRisk = null)
    {
        var segment = _classifier.Classify(activity, AsOf, churnRisk);
        if (segment is { } s)
        {
            _counts[(int)s]++;
        }
        return segment;
    }

    public void Merge(SegmentTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.AsOf != AsOf)
        {
            throw new ArgumentException("other: only tallies of the same as-of day can be merged", nameof(other));
        }
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }
        // Parts scored from different sources stay visible as such rather than claiming one source.
        ChurnRiskSource = string.Join('+', ChurnRiskSource.Split('+').Concat(other.ChurnRiskSource.Split('+')).Distinct().Order(StringComparer.Ordinal));
    }

    public SegmentCounts Counts() => new(
        AsOf,
        _counts[(int)LifecycleSegment.New],
        _counts[(int)LifecycleSegment.Active],
        _counts[(int)LifecycleSegment.Reactivated],
        _counts[(int)LifecycleSegment.AtRisk],
        _counts[(int)LifecycleSegment.Dormant],
        _counts[(int)LifecycleSegment.Churned],
        ChurnRiskSource);
}
