using Longview.Core.Lifecycle;
using Longview.Core.Profiles;

namespace Longview.Core.Retention.Jobs;

/// <summary>
/// The four streaming accumulators of one as-of day fed from profiles. Memory is that of the accumulators
/// (cohorts x N, days in range), never O(users); accumulators over disjoint profile sets combine with <see cref="Merge"/>.
/// </summary>
public sealed class RetentionAccumulator
{
    private readonly DailyRetention _daily;
    private readonly MonthlyRetention _monthly;
    private readonly ActivitySeries _activity;
    private readonly SegmentTally _segments;
    private readonly RecencyFrequencyChurnScore _churnScore;

    public RetentionAccumulator(RetentionOptions options, RetentionJobOptions job, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(job);
        job.EnsureValid();
        AsOf = asOf;
        _daily = new DailyRetention(options, asOf.AddDays(1 - job.DailyCohortDays), asOf, asOf);
        _monthly = new MonthlyRetention(options, new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(1 - job.CohortMonths), asOf, asOf);
        _activity = new ActivitySeries(options, asOf.AddDays(1 - job.ActivityDays), asOf);
        _segments = new SegmentTally(new LifecycleClassifier(options.Lifecycle), asOf);
        _churnScore = new RecencyFrequencyChurnScore(options.Lifecycle);
    }

    public DateOnly AsOf { get; }

    public long UsersScanned { get; private set; }

    public void Add(UserProfile profile)
    {
        UsersScanned++;
        if (ProfileActivity.From(profile) is { } activity)
        {
            Add(activity);
        }
    }

    public void Add(UserActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        _daily.Add(activity);
        _monthly.Add(activity);
        _activity.Add(activity);
        if (activity.FirstSeenDay <= AsOf)
        {
            // Without a promoted churn model the transparent recency/frequency score is the risk (Lifecycle README).
            _segments.Add(activity, _churnScore.Score(activity, AsOf));
        }
    }

    public void Merge(RetentionAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _daily.Merge(other._daily);
        _monthly.Merge(other._monthly);
        _activity.Merge(other._activity);
        _segments.Merge(other._segments);
        UsersScanned += other.UsersScanned;
    }

    public RetentionReports Reports(DateTimeOffset computedAt) =>
        new(AsOf, computedAt, UsersScanned, _daily.Rows(), _monthly.Rows(), _activity.Rows(), _segments.Counts());
}
