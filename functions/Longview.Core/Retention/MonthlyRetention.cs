namespace Longview.Core.Retention;

/// <summary>
/// Streaming monthly cohort retention. Cohort = calendar month of the first-seen UTC day, within the months of
/// [from, to]. Month N is calendar month cohort + N (N = 1..Months). A cell counts only when month cohort + N has
/// fully elapsed on the as-of day (its last day &lt;= asOf); activity after the as-of day is ignored.
/// Memory is O(cohort months x Months).
/// </summary>
public sealed class MonthlyRetention
{
    private readonly int _months;
    private readonly int _fromMonth;
    private readonly int _toMonth;
    private readonly int _asOf;
    private readonly int _lastCompleteMonth;
    private readonly CohortCounts _counts;

    /// <param name="from">Any day of the first cohort month.</param>
    /// <param name="to">Any day of the last cohort month.</param>
    public MonthlyRetention(RetentionOptions options, DateOnly from, DateOnly to, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        if (to < from)
        {
            throw new ArgumentException($"to: {to:yyyy-MM-dd} is before from {from:yyyy-MM-dd}", nameof(to));
        }
        _fromMonth = CalendarMonth.IndexOf(from);
        _toMonth = CalendarMonth.IndexOf(to);
        var cohorts = _toMonth - _fromMonth + 1;
        if (cohorts * 31L > options.MaxCohortDays)
        {
            throw new ArgumentException($"to: the range spans {cohorts} months, more than MaxCohortDays {options.MaxCohortDays} allows", nameof(to));
        }
        _months = options.Months;
        _asOf = asOf.DayNumber;
        _lastCompleteMonth = CalendarMonth.LastCompleteIndex(asOf);
        AsOf = asOf;
        _counts = new CohortCounts(cohorts, _months);
    }

    public DateOnly AsOf { get; }

    public long UsersCounted => _counts.UsersCounted;

    public long UsersOutsideRange => _counts.UsersOutsideRange;

    public void Add(UserActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.EnsureValid();
        var first = activity.FirstSeenDay;
        var cohortMonth = CalendarMonth.IndexOf(first);
        if (cohortMonth < _fromMonth || cohortMonth > _toMonth || first.DayNumber > _asOf)
        {
            _counts.CountOutside();
            return;
        }
        var cohort = cohortMonth - _fromMonth;
        _counts.CountUser(cohort);
        var lastSeenMonth = CalendarMonth.IndexOf(DateOnly.FromDayNumber(SortedDays.LastSeenAsOf(activity, _asOf)));
        var cell = cohort * _months;
        for (var n = 1; n <= _months; n++, cell++)
        {
            var month = cohortMonth + n;
            if (month > _lastCompleteMonth)
            {
                break;
            }
            var start = CalendarMonth.FirstDay(month).DayNumber;
            var end = CalendarMonth.LastDayNumber(month);
            if (SortedDays.AnyIn(activity.ActiveDays, start, end))
            {
                _counts.Retained[cell]++;
            }
            if (lastSeenMonth >= month)
            {
                _counts.RetainedOrLater[cell]++;
            }
        }
    }

    public void Merge(MonthlyRetention other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._fromMonth != _fromMonth || other._toMonth != _toMonth || other._asOf != _asOf || other._months != _months)
        {
            throw new ArgumentException("other: only accumulators with the same months, range and as-of day can be merged", nameof(other));
        }
        _counts.Merge(other._counts);
    }

    /// <summary>One row per (non-empty cohort month, N), cohorts ascending, then N ascending.</summary>
    public IReadOnlyList<MonthlyCohortRow> Rows()
    {
        var rows = new List<MonthlyCohortRow>();
        for (var cohort = 0; cohort < _counts.Size.Length; cohort++)
        {
            var size = _counts.Size[cohort];
            if (size == 0)
            {
                continue;
            }
            var cohortMonth = CalendarMonth.FirstDay(_fromMonth + cohort);
            for (var n = 1; n <= _months; n++)
            {
                var cell = (cohort * _months) + n - 1;
                var elapsed = _fromMonth + cohort + n <= _lastCompleteMonth;
                rows.Add(elapsed
                    ? new MonthlyCohortRow(cohortMonth, n, size, _counts.Retained[cell], _counts.RetainedOrLater[cell],
                        (double)_counts.Retained[cell] / size, (double)_counts.RetainedOrLater[cell] / size)
                    : new MonthlyCohortRow(cohortMonth, n, size, null, null, null, null));
            }
        }
        return rows;
    }
}
