namespace Longview.Core.Retention;

/// <summary>
/// Streaming daily cohort retention. Feed users one at a time with <see cref="Add"/>; memory is
/// O(cohort days x configured N), never O(users). Cohort = first-seen UTC day within [from, to].
/// A cell (cohort, N) counts only when cohort + N &lt;= asOf (the day N has fully elapsed, as-of inclusive);
/// activity after the as-of day is ignored.
/// </summary>
public sealed class DailyRetention
{
    private readonly int[] _days;
    private readonly int _from;
    private readonly int _to;
    private readonly int _asOf;
    private readonly CohortCounts _counts;

    public DailyRetention(RetentionOptions options, DateOnly from, DateOnly to, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        if (to < from)
        {
            throw new ArgumentException($"to: {to:yyyy-MM-dd} is before from {from:yyyy-MM-dd}", nameof(to));
        }
        var cohorts = to.DayNumber - from.DayNumber + 1;
        if (cohorts > options.MaxCohortDays)
        {
            throw new ArgumentException($"to: the range spans {cohorts} days, more than MaxCohortDays {options.MaxCohortDays}", nameof(to));
        }
        _days = [.. options.Days];
        From = from;
        To = to;
        AsOf = asOf;
        _from = from.DayNumber;
        _to = to.DayNumber;
        _asOf = asOf.DayNumber;
        _counts = new CohortCounts(cohorts, _days.Length);
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public DateOnly AsOf { get; }

    public IReadOnlyList<int> Days => _days;

    /// <summary>Users counted in a cohort (first seen within [From, To] and not after AsOf).</summary>
    public long UsersCounted => _counts.UsersCounted;

    /// <summary>Users fed but outside the cohort range or first seen after the as-of day.</summary>
    public long UsersOutsideRange => _counts.UsersOutsideRange;

    /// <summary>Adds one user. An inconsistent projection throws before anything is counted.</summary>
    public void Add(UserActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.EnsureValid();
        var first = activity.FirstSeenDay.DayNumber;
        if (first < _from || first > _to || first > _asOf)
        {
            _counts.CountOutside();
            return;
        }
        var cohort = first - _from;
        _counts.CountUser(cohort);
        var lastSeen = SortedDays.LastSeenAsOf(activity, _asOf);
        var cell = cohort * _days.Length;
        for (var k = 0; k < _days.Length; k++, cell++)
        {
            var target = first + _days[k];
            if (target > _asOf)
            {
                break; // Days ascend: no later N has elapsed either.
            }
            if (SortedDays.Contains(activity.ActiveDays, target))
            {
                _counts.Retained[cell]++;
            }
            if (lastSeen >= target)
            {
                _counts.RetainedOrLater[cell]++;
            }
        }
    }

    /// <summary>Adds the counts of another accumulator with the same days, range and as-of (fan-out, then merge).</summary>
    public void Merge(DailyRetention other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._from != _from || other._to != _to || other._asOf != _asOf || !other._days.AsSpan().SequenceEqual(_days))
        {
            throw new ArgumentException("other: only accumulators with the same days, range and as-of day can be merged", nameof(other));
        }
        _counts.Merge(other._counts);
    }

    /// <summary>One row per (non-empty cohort, N), cohorts ascending, then N ascending.</summary>
    public IReadOnlyList<DailyCohortRow> Rows()
    {
        var rows = new List<DailyCohortRow>();
        for (var cohort = 0; cohort < _counts.Size.Length; cohort++)
        {
            var size = _counts.Size[cohort];
            if (size == 0)
            {
                continue;
            }
            var cohortDay = DateOnly.FromDayNumber(_from + cohort);
            for (var k = 0; k < _days.Length; k++)
            {
                var cell = (cohort * _days.Length) + k;
                var elapsed = _from + cohort + _days[k] <= _asOf;
                rows.Add(elapsed
                    ? new DailyCohortRow(cohortDay, _days[k], size, _counts.Retained[cell], _counts.RetainedOrLater[cell],
                        (double)_counts.Retained[cell] / size, (double)_counts.RetainedOrLater[cell] / size)
                    : new DailyCohortRow(cohortDay, _days[k], size, null, null, null, null));
            }
        }
        return rows;
    }
}
