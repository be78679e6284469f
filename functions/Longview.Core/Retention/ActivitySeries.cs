namespace Longview.Core.Retention;

/// <summary>
/// Streaming DAU / WAU / MAU per UTC day of [from, to]. A user counts toward WAU (MAU) of day d when active on
/// any day of [d - 6, d] ([d - 29, d]). Each user adds the union of its windows to a difference array, so memory
/// is O(days in range) and one user costs O(its active days).
/// </summary>
public sealed class ActivitySeries
{
    public const int WeekDays = 7;
    public const int MonthDays = 30;

    private readonly int _from;
    private readonly int _to;
    private readonly long[] _dau;
    private readonly long[] _wauDelta;
    private readonly long[] _mauDelta;

    public ActivitySeries(RetentionOptions options, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        if (to < from)
        {
            throw new ArgumentException($"to: {to:yyyy-MM-dd} is before from {from:yyyy-MM-dd}", nameof(to));
        }
        var length = to.DayNumber - from.DayNumber + 1;
        if (length > options.MaxActivityDays)
        {
            throw new ArgumentException($"to: the range spans {length} days, more than MaxActivityDays {options.MaxActivityDays}", nameof(to));
        }
        _from = from.DayNumber;
        _to = to.DayNumber;
        _dau = new long[length];
        _wauDelta = new long[length + 1];
        _mauDelta = new long[length + 1];
    }

    public void Add(UserActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.EnsureValid();
        var days = activity.ActiveDays;
        // Only days that can reach [from, to] through a 30-day window matter.
        var start = SortedDays.LowerBound(days, _from - MonthDays + 1);
        var end = SortedDays.LowerBound(days, _to + 1);
        for (var i = start; i < end; i++)
        {
            var day = days[i].DayNumber;
            if (day >= _from)
            {
                _dau[day - _from]++;
            }
        }
        AddWindows(days, start, end, WeekDays, _wauDelta);
        AddWindows(days, start, end, MonthDays, _mauDelta);
    }

    public void Merge(ActivitySeries other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._from != _from || other._to != _to)
        {
            throw new ArgumentException("other: only series over the same range can be merged", nameof(other));
        }
        for (var i = 0; i < _dau.Length; i++)
        {
            _dau[i] += other._dau[i];
        }
        for (var i = 0; i < _wauDelta.Length; i++)
        {
            _wauDelta[i] += other._wauDelta[i];
            _mauDelta[i] += other._mauDelta[i];
        }
    }

    public IReadOnlyList<ActivityRow> Rows()
    {
        var rows = new List<ActivityRow>(_dau.Length);
        long wau = 0, mau = 0;
        for (var i = 0; i < _dau.Length; i++)
        {
            wau += _wauDelta[i];
            mau += _mauDelta[i];
            rows.Add(new ActivityRow(DateOnly.FromDayNumber(_from + i), _dau[i], wau, mau, mau == 0 ? null : (double)_dau[i] / mau));
        }
        return rows;
    }

    /// <summary>Adds +1 over the union of [day, day + window - 1] for the user's days, clipped to [from, to].</summary>
    private void AddWindows(IReadOnlyList<DateOnly> days, int start, int end, int window, long[] delta)
    {
        if (start >= end)
        {
            return;
        }
        var runStart = days[start].DayNumber;
        var runEnd = runStart + window - 1;
        for (var i = start + 1; i < end; i++)
        {
            var day = days[i].DayNumber;
            if (day <= runEnd + 1)
            {
                runEnd = day + window - 1;
            }
            else
            {
                AddRun(runStart, runEnd, delta);
                runStart = day;
                runEnd = day + window - 1;
            }
        }
        AddRun(runStart, runEnd, delta);
    }

    private void AddRun(int first, int last, long[] delta)
    {
        first = Math.Max(first, _from);
        last = Math.Min(last, _to);
        if (first > last)
        {
            return;
        }
        delta[first - _from]++;
        delta[last - _from + 1]--;
    }
}
