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
    private readonly IChurnRiskScorer _churnRisk;

    /// <param name="churnRisk">
    /// Risk of each user as of <paramref name="asOf"/>, owned by the caller (dispose it after the pass); null uses the
    /// transparent recency/frequency score.
    /// </param>
    public RetentionAccumulator(RetentionOptions options, RetentionJobOptions job, DateOnly asOf, IChurnRiskScorer? churnRisk = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(job);
        job.EnsureValid();
        AsOf = asOf;
        _daily = new DailyRetention(options, asOf.AddDays(1 - job.DailyCohortDays), asOf, asOf);
        _monthly = new MonthlyRetention(options, new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(1 - job.CohortMonths), asOf, asOf);
        _activity = new ActivitySeries(options, asOf.AddDays(1 - job.ActivityDays), asOf);
        _churnRisk = churnRisk ?? new RecencyFrequencyChurnRiskSource(options).Open(asOf);
        _segments = new SegmentTally(new LifecycleClassifier(options.Lifecycle), asOf, _churnRisk.Source);
    }

    public DateOnly AsOf { get; }

    public long UsersScanned { get; private set; }

    public void Add(UserProfile profile)
    {
        UsersScanned++;
        if (ProfileActivity.From(profile) is { } activity)
        {
            Add(activity, profile);
        }
    }

    /// <summary>Adds a user known only by its activity (a dataset read straight from files); a model risk source needs profiles.</summary>
    public void Add(UserActivity activity) => Add(activity, null);

    private void Add(UserActivity activity, UserProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(activity);
        _daily.Add(activity);
        _monthly.Add(activity);
        _activity.Add(activity);
        if (activity.FirstSeenDay <= AsOf)
        {
            _segments.Add(activity, _churnRisk.Score(profile, activity));
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
