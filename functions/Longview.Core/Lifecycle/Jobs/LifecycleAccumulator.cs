using Longview.Core.Lifecycle.Reports;
using Longview.Core.Lifecycle.Scoring;
using Longview.Core.Lifecycle.Survival;

namespace Longview.Core.Lifecycle.Jobs;

/// <summary>
/// The lifecycle tables of one as-of day, accumulated from scored users: value by segment, value by first-seen cohort
/// and lifespans per cohort. Memory is segments + cohorts × distinct lifespans (days), never users. A user has churned
/// when the lifecycle rules say so (inactive beyond the dormant window); its lifespan is first to last active day. Everyone
/// else is censored at their age.
/// </summary>
public sealed class LifecycleAccumulator(DateOnly asOf, int restrictedHorizonDays)
{
    public const string AllCohorts = "all";

    private readonly Dictionary<string, SegmentTotals> _segments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CohortTotals> _cohorts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<(int Days, bool Churned), int>> _lifespans = new(StringComparer.Ordinal);

    public DateOnly AsOf { get; } = asOf;

    public long Users { get; private set; }

    /// <param name="segments">The lists the user is in (<see cref="UserLifecycle.MemberOf"/>), computed once by the caller.</param>
    public void Add(UserLifecycle user, IReadOnlyList<string> segments)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(segments);
        Users++;
        foreach (var segment in segments)
        {
            Totals(_segments, segment).Add(user);
        }
        var cohort = user.FirstSeen.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var churned = user.Segment == SegmentNames.Stage(LifecycleSegment.Churned);
        var lifespan = churned ? user.LifespanDays : AsOf.DayNumber - user.FirstSeen.DayNumber;
        foreach (var key in new[] { cohort, AllCohorts })
        {
            Totals(_cohorts, key).Add(user);
            if (!_lifespans.TryGetValue(key, out var histogram))
            {
                _lifespans[key] = histogram = [];
            }
            histogram[(lifespan, churned)] = histogram.GetValueOrDefault((lifespan, churned)) + 1;
        }
    }

    public IReadOnlyList<SegmentValueRow> SegmentValue() =>
        [.. _segments.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new SegmentValueRow(s.Key, s.Value.Users, s.Value.Predicted, s.Value.AtRisk, s.Value.Risk / s.Value.Users))];

    public IReadOnlyList<CohortValueRow> CohortValue() =>
        [.. _cohorts.OrderBy(c => c.Key == AllCohorts).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new CohortValueRow(c.Key, c.Value.Users, c.Value.Buyers, c.Value.Revenue, c.Value.Expected, c.Value.Predicted, c.Value.Alive / c.Value.Users))];

    public (IReadOnlyList<SurvivalRow> Curves, IReadOnlyList<CohortLifespanRow> Lifespans) Survival()
    {
        var curves = new List<SurvivalRow>();
        var lifespans = new List<CohortLifespanRow>();
        foreach (var (cohort, histogram) in _lifespans.OrderBy(c => c.Key == AllCohorts).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            var km = KaplanMeier.Estimate(histogram.SelectMany(h => Enumerable.Repeat(new Lifespan(h.Key.Days, h.Key.Churned), h.Value)));
            // The band is undefined where S(t) is 0 or 1 (log-log transform): it collapses onto the estimate there.
            curves.AddRange(km.Steps.Select(s => new SurvivalRow(cohort, (int)s.Time, s.AtRisk, s.Churned, s.Survival,
                double.IsFinite(s.Lower) ? s.Lower : s.Survival, double.IsFinite(s.Upper) ? s.Upper : s.Survival)));
            var median = km.MedianInterval;
            lifespans.Add(new CohortLifespanRow(cohort, km.Count, histogram.Where(h => h.Key.Churned).Sum(h => h.Value), km.Median,
                Finite(median?.Lower), Finite(median?.Upper), km.RestrictedMean(restrictedHorizonDays), restrictedHorizonDays));
        }
        return (curves, lifespans);
    }

    /// <summary>An interval bound the data cannot give (infinite: the curve never falls that far) is absent.</summary>
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static T Totals<T>(Dictionary<string, T> totals, string key)
        where T : new()
    {
        if (!totals.TryGetValue(key, out var t))
        {
            totals[key] = t = new T();
        }
        return t;
    }

    private sealed class SegmentTotals
    {
        public long Users { get; private set; }

        public double Predicted { get; private set; }

        public double AtRisk { get; private set; }

        public double Risk { get; private set; }

        public void Add(UserLifecycle user)
        {
            Users++;
            Predicted += user.PredictedValue;
            AtRisk += user.ValueAtRisk;
            Risk += user.ChurnRisk;
        }
    }

    private sealed class CohortTotals
    {
        public long Users { get; private set; }

        public long Buyers { get; private set; }

        public double Revenue { get; private set; }

        public double Expected { get; private set; }

        public double Predicted { get; private set; }

        public double Alive { get; private set; }

        public void Add(UserLifecycle user)
        {
            Users++;
            Buyers += user.Revenue > 0 ? 1 : 0;
            Revenue += user.Revenue;
            Expected += user.ExpectedPurchases;
            Predicted += user.PredictedValue;
            Alive += user.ProbabilityAlive;
        }
    }
}
