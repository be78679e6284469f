using System.Globalization;
using Longview.Core.Profiles;

namespace Longview.Core.Lifecycle.Engagement;

/// <summary>
/// Engagement of the days [asOf − days + 1, asOf] and of each first-seen month, fed one profile at a time: sessions are
/// inferred (<see cref="Sessions"/>) from the activity the profile's dedup record remembers, up to the end of the as-of
/// day, and each session counts on the UTC day it starts. Memory is days × (a few counters + a histogram of
/// <see cref="HistogramBins"/> whole-minute bins for the median) plus a few counters per first-seen month, never
/// O(users); accumulators over disjoint sets of profiles combine with <see cref="Merge"/>.
/// </summary>
/// <remarks>
/// Where a profile's record may have forgotten activity (<see cref="Profiles.SeenEvents.ActivityForgottenBefore"/>: it
/// holds <see cref="ProfileLimits.MaxSeenEventIds"/> activity events), activity older than that cut may be missing: a session that starts less than one
/// gap after it may have begun earlier, so only the sessions starting at least one gap after it count, and the user
/// counts in <see cref="PartialUsers"/> when that cut falls inside the window.
/// </remarks>
public sealed class EngagementAccumulator
{
    /// <summary>Sessions of 0..1439 whole minutes each have a bin; one more bin holds the sessions of a day or longer.</summary>
    public const int HistogramBins = 1441;

    /// <summary>Most days one accumulator may span (bounds the histograms at 731 × 1441 counters).</summary>
    public const int MaxDays = 731;

    private readonly TimeSpan _gap;
    private readonly int _rememberedEvents;
    private readonly DateTimeOffset _windowStart;
    private readonly DateTimeOffset _windowEnd;
    private readonly DayTally[] _days;
    private readonly SortedDictionary<DateOnly, CohortTally> _cohorts = [];

    /// <param name="lifecycle">Supplies the session gap (<see cref="LifecycleOptions.SessionGapMinutes"/>).</param>
    /// <param name="limits">The limits the profiles were aggregated with: how many events their dedup record keeps.</param>
    /// <param name="asOf">The last day of the window (UTC); activity after it is ignored.</param>
    /// <param name="days">How many days the window spans, ending on <paramref name="asOf"/> (1..<see cref="MaxDays"/>).</param>
    public EngagementAccumulator(LifecycleOptions lifecycle, ProfileLimits limits, DateOnly asOf, int days)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        ArgumentNullException.ThrowIfNull(limits);
        lifecycle.EnsureValid();
        if (days is < 1 or > MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, $"the engagement window must span 1..{MaxDays} days");
        }

        if (limits.MaxSeenEventIds < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limits), limits.MaxSeenEventIds, "ProfileLimits.MaxSeenEventIds must be positive");
        }

        _gap = TimeSpan.FromMinutes(lifecycle.SessionGapMinutes);
        _rememberedEvents = limits.MaxSeenEventIds;
        AsOf = asOf;
        From = asOf.AddDays(1 - days);
        _windowStart = new DateTimeOffset(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        _windowEnd = new DateTimeOffset(asOf.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        _days = new DayTally[days];
        for (var i = 0; i < days; i++)
        {
            _days[i] = new DayTally();
        }
    }

    /// <summary>The first day of the window.</summary>
    public DateOnly From { get; }

    /// <summary>The last day of the window.</summary>
    public DateOnly AsOf { get; }

    /// <summary>Profiles added (with or without activity).</summary>
    public long UsersScanned { get; private set; }

    /// <summary>Users with at least one session starting in the window.</summary>
    public long EngagedUsers { get; private set; }

    /// <summary>Users whose forgotten history cuts into the window: their sessions before the cut are not counted.</summary>
    public long PartialUsers { get; private set; }

    public void Add(UserProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        UsersScanned++;
        if (profile.FirstSeen is not { } firstSeen || !profile.HasActivity)
        {
            return;
        }

        var countFrom = _windowStart;
        if (profile.Seen.ActivityForgottenBefore(_rememberedEvents) is { } oldest && oldest + _gap > countFrom)
        {
            countFrom = oldest + _gap;
            PartialUsers++;
        }

        // Activity after the as-of day must neither add sessions nor lengthen the last one of the window.
        var sessions = Sessions.Infer(profile.Seen.ActivityTimes.TakeWhile(t => t < _windowEnd), _gap);
        CohortTally? cohort = null;
        var lastDay = -1;
        foreach (var session in sessions)
        {
            if (session.Start < countFrom)
            {
                continue;
            }

            var day = DateOnly.FromDateTime(session.Start.UtcDateTime).DayNumber - From.DayNumber;
            var tally = _days[day];
            if (day != lastDay)
            {
                tally.ActiveUsers++;
                lastDay = day;
            }

            tally.Add(session);
            if (cohort is null)
            {
                var month = new DateOnly(firstSeen.UtcDateTime.Year, firstSeen.UtcDateTime.Month, 1);
                if (!_cohorts.TryGetValue(month, out cohort))
                {
                    cohort = new CohortTally();
                    _cohorts[month] = cohort;
                }

                cohort.Users++;
                EngagedUsers++;
            }

            cohort.Add(session);
        }
    }

    /// <summary>Adds the tallies of an accumulator over other profiles, built with the same window and settings.</summary>
    public void Merge(EngagementAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.From != From || other.AsOf != AsOf || other._gap != _gap || other._rememberedEvents != _rememberedEvents)
        {
            throw new ArgumentException(
                $"cannot merge engagement of {other.From:yyyy-MM-dd}..{other.AsOf:yyyy-MM-dd} (gap {other._gap}, record {other._rememberedEvents}) into {From:yyyy-MM-dd}..{AsOf:yyyy-MM-dd} (gap {_gap}, record {_rememberedEvents})",
                nameof(other));
        }

        for (var i = 0; i < _days.Length; i++)
        {
            _days[i].Merge(other._days[i]);
        }

        foreach (var (month, tally) in other._cohorts)
        {
            if (!_cohorts.TryGetValue(month, out var mine))
            {
                mine = new CohortTally();
                _cohorts[month] = mine;
            }

            mine.Merge(tally);
        }

        UsersScanned += other.UsersScanned;
        EngagedUsers += other.EngagedUsers;
        PartialUsers += other.PartialUsers;
    }

    /// <summary>One row per day of the window, oldest first; a day without sessions has zeros.</summary>
    public IReadOnlyList<EngagementDayRow> DayRows() =>
        [.. _days.Select((t, i) => new EngagementDayRow(
            From.AddDays(i),
            t.ActiveUsers,
            t.Sessions,
            Ratio(t.Sessions, t.ActiveUsers),
            Minutes(t.LengthTicks, t.Sessions),
            t.MedianMinutes(),
            Ratio(t.Events, t.Sessions)))];

    /// <summary>One row per first-seen month with an engaged user ("yyyy-MM", ascending), then "all".</summary>
    public IReadOnlyList<EngagementCohortRow> CohortRows()
    {
        var all = new CohortTally();
        var rows = new List<EngagementCohortRow>(_cohorts.Count + 1);
        foreach (var (month, tally) in _cohorts)
        {
            rows.Add(tally.Row(month.ToString("yyyy-MM", CultureInfo.InvariantCulture)));
            all.Merge(tally);
        }

        rows.Add(all.Row("all"));
        return rows;
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    private static double Minutes(Int128 ticks, long sessions) => sessions == 0 ? 0 : (double)ticks / sessions / TimeSpan.TicksPerMinute;

    private sealed class DayTally
    {
        private long[]? _histogram;

        public long ActiveUsers { get; set; }

        public long Sessions { get; private set; }

        public long Events { get; private set; }

        public Int128 LengthTicks { get; private set; }

        public void Add(Session session)
        {
            Sessions++;
            Events += session.Events;
            LengthTicks += session.Length.Ticks;
            _histogram ??= new long[HistogramBins];
            _histogram[(int)Math.Min(session.Length.Ticks / TimeSpan.TicksPerMinute, HistogramBins - 1)]++;
        }

        public void Merge(DayTally other)
        {
            ActiveUsers += other.ActiveUsers;
            Sessions += other.Sessions;
            Events += other.Events;
            LengthTicks += other.LengthTicks;
            if (other._histogram is { } theirs)
            {
                _histogram ??= new long[HistogramBins];
                for (var i = 0; i < HistogramBins; i++)
                {
                    _histogram[i] += theirs[i];
                }
            }
        }

        /// <summary>
        /// The median of the session lengths in whole minutes (rounded down), the mean of the two middle ones for an even
        /// count: exact for sessions under a day; 1440 stands for "a day or more".
        /// </summary>
        public double MedianMinutes()
        {
            if (_histogram is null || Sessions == 0)
            {
                return 0;
            }

            return (Nth((Sessions - 1) / 2) + Nth(Sessions / 2)) / 2.0;
        }

        /// <summary>The bin of the session of 0-based rank <paramref name="rank"/> by length.</summary>
        private int Nth(long rank)
        {
            long seen = 0;
            for (var bin = 0; bin < HistogramBins; bin++)
            {
                seen += _histogram![bin];
                if (seen > rank)
                {
                    return bin;
                }
            }

            throw new InvalidOperationException("the histogram holds fewer sessions than its count");
        }
    }

    private sealed class CohortTally
    {
        public long Users { get; set; }

        public long Sessions { get; private set; }

        public long Events { get; private set; }

        public Int128 LengthTicks { get; private set; }

        public void Add(Session session)
        {
            Sessions++;
            Events += session.Events;
            LengthTicks += session.Length.Ticks;
        }

        public void Merge(CohortTally other)
        {
            Users += other.Users;
            Sessions += other.Sessions;
            Events += other.Events;
            LengthTicks += other.LengthTicks;
        }

        public EngagementCohortRow Row(string cohort) =>
            new(cohort, Users, Sessions, Ratio(Sessions, Users), Minutes(LengthTicks, Sessions), Ratio(Events, Sessions));
    }
}
