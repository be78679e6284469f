using System.Globalization;
using Longview.Core.Ports;
using Microsoft.Extensions.Options;

namespace Longview.Core.Experiments.Results;

/// <summary>
/// Reads out an experiment: streams its exposures (<see cref="IExperimentExposureLog"/>) a page at a time, reads the
/// page's profiles with one call, folds each user's metrics into per-variant moments, then compares each variant with
/// the control. Memory: one page plus a few numbers per variant and metric, whatever the number of users.
/// </summary>
public sealed class ExperimentResults(ExperimentAssigner experiments, IExperimentExposureLog exposures, IProfileStore profiles, TimeProvider time, IOptions<Outcomes.OutcomeOptions> options)
{
    public const double SampleRatioAlpha = 0.001;

    /// <summary>Null when no experiment has that id.</summary>
    public async Task<ExperimentReadout?> ComputeAsync(string experimentId, CancellationToken cancellationToken = default)
    {
        return experiments.Find(experimentId) is { } definition
            ? await ComputeAsync(definition, definition.Id, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>The readout of <paramref name="definition"/>'s arms from the exposures logged under <paramref name="logKey"/> (campaigns use it too).</summary>
    public async Task<ExperimentReadout> ComputeAsync(ExperimentDefinition definition, string logKey, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var arms = definition.Variants.ToDictionary(v => v.Name, _ => new Arm(), StringComparer.Ordinal);
        var page = new List<ExperimentExposure>(options.Value.PageSize);
        await foreach (var exposure in exposures.ScanAsync(logKey, cancellationToken).ConfigureAwait(false))
        {
            page.Add(exposure);
            if (page.Count == options.Value.PageSize)
            {
                await AddPageAsync(page, arms, today, cancellationToken).ConfigureAwait(false);
                page.Clear();
            }
        }
        await AddPageAsync(page, arms, today, cancellationToken).ConfigureAwait(false);
        return Readout(definition, arms, now);
    }

    /// <summary>The readout from folded arms (the tests and the simulator drive it directly).</summary>
    internal static ExperimentReadout Readout(ExperimentDefinition definition, IReadOnlyDictionary<string, Arm> arms, DateTimeOffset now)
    {
        var counts = definition.Variants.Select(v => arms[v.Name].Users).ToList();
        var (chiSquare, p) = Inference.SampleRatio(counts, [.. definition.Variants.Select(v => v.Share)]);
        var sampleRatio = new SampleRatioCheck(chiSquare, p, p < SampleRatioAlpha,
            [.. definition.Variants.Select(v => new VariantUsers(v.Name, arms[v.Name].Users, v.Share))]);
        var warnings = new List<string>();
        if (now < definition.End)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Preliminary: the planned horizon ends {definition.End:yyyy-MM-dd HH:mm}Z. Reading the intervals before then and stopping on the first that excludes zero raises the false-positive rate far above 5%; decide at the horizon."));
        }
        if (sampleRatio.Mismatch)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Sample ratio mismatch (chi-square {chiSquare:0.00}, p = {p:0.####E+0}): users per variant do not match the configured shares, so assignment or exposure logging is broken; do not trust the differences."));
        }
        var control = arms[definition.Control];
        var metrics = Enum.GetValues<ExperimentMetric>().Select(metric =>
        {
            var kind = metric switch
            {
                ExperimentMetric.ReturnD1 or ExperimentMetric.ReturnD7 or ExperimentMetric.ReturnD30 or ExperimentMetric.Reactivated => "proportion",
                ExperimentMetric.Ctr => "ratio",
                _ => "mean",
            };
            var values = definition.Variants.Select(v => new VariantValue(v.Name, arms[v.Name][metric].Count, Value(arms[v.Name][metric], kind))).ToList();
            var comparisons = definition.Variants.Where(v => v.Name != definition.Control)
                .Select(v => Compare(v.Name, control[metric], arms[v.Name][metric], kind)).ToList();
            return new MetricReadout(metric, kind, values, comparisons);
        }).ToList();
        return new ExperimentReadout(definition.Id, definition.Description, definition.Start, definition.End, now, definition.Control, warnings, sampleRatio, metrics);
    }

    private static double? Value(Moments moments, string kind) =>
        moments.Count == 0 ? null
        : kind == "ratio" ? (moments.MeanX == 0 ? null : moments.MeanY / moments.MeanX)
        : moments.MeanY;

    private static VariantComparison Compare(string variant, Moments control, Moments treatment, string kind)
    {
        var difference = kind switch
        {
            "proportion" => Inference.ProportionDifference((long)Math.Round(control.MeanY * control.Count), control.Count, (long)Math.Round(treatment.MeanY * treatment.Count), treatment.Count),
            "ratio" => Inference.RatioDifference(control, treatment),
            _ => Inference.WelchDifference(control, treatment),
        };
        var baseline = Value(control, kind);
        var relative = difference is not null && baseline is > 0 or < 0 ? difference.Difference / baseline.Value : (double?)null;
        var cuped = kind == "ratio" ? null : Inference.Cuped(control, treatment) is { } c ? new CupedInterval(c.Interval, c.VarianceReduction) : null;
        var mde = kind == "ratio" ? null : Inference.MinimumDetectableEffect(control.Count, control.VarianceY, treatment.Count, treatment.VarianceY);
        return new VariantComparison(variant, difference, relative, cuped, mde);
    }

    private async Task AddPageAsync(List<ExperimentExposure> page, Dictionary<string, Arm> arms, DateOnly today, CancellationToken cancellationToken)
    {
        if (page.Count == 0)
        {
            return;
        }
        var stored = await profiles.GetManyAsync(page.Select(e => e.UserId).ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        foreach (var exposure in page)
        {
            // A variant no longer configured (renamed after the start) has no arm: its users are left out, not misfiled.
            if (arms.TryGetValue(exposure.Variant, out var arm))
            {
                arm.Add(ExposedUser.From(exposure.FirstExposedAt, stored.GetValueOrDefault(exposure.UserId)?.Profile, today));
            }
        }
    }

    /// <summary>One variant's users folded: per metric, moments of (pre-period covariate, metric); CTR's are (impressions, clicks).</summary>
    internal sealed class Arm
    {
        private readonly Moments[] _metrics = [.. Enum.GetValues<ExperimentMetric>().Select(_ => new Moments())];

        public long Users { get; private set; }

        public Moments this[ExperimentMetric metric] => _metrics[(int)metric];

        public void Add(ExposedUser user)
        {
            Users++;
            var x = user.PreActiveDays;
            Add(ExperimentMetric.ReturnD1, x, user.ReturnD1 is { } d1 ? (d1 ? 1 : 0) : null);
            Add(ExperimentMetric.ReturnD7, x, user.ReturnD7 is { } d7 ? (d7 ? 1 : 0) : null);
            Add(ExperimentMetric.ReturnD30, x, user.ReturnD30 is { } d30 ? (d30 ? 1 : 0) : null);
            Add(ExperimentMetric.Reactivated, x, user.Reactivated ? 1 : 0);
            Add(ExperimentMetric.ActiveDays7d, x, user.ActiveDays7d);
            Add(ExperimentMetric.Sessions7d, x, user.Sessions7d);
            Add(ExperimentMetric.ClicksPerUser, x, user.Clicks);
            Add(ExperimentMetric.ValuePerUser, x, user.Value);
            this[ExperimentMetric.Ctr].Add(user.Impressions, user.Clicks);
        }

        private void Add(ExperimentMetric metric, double x, double? y)
        {
            if (y is { } value)
            {
                this[metric].Add(x, value);
            }
        }
    }
}
