using System.Globalization;
using System.Text;
using System.Text.Json;
using Longview.Core.Serialization;
using Longview.Core.Simulation.ClosedLoop;

namespace Longview.Local.Experiments;

/// <summary>One metric of one arm over seeds, and its seed-paired difference from the baseline arm.</summary>
/// <summary>Value is null when no seed could measure the metric (e.g. D30 when no cohort reached day 30).</summary>
public sealed record ArmMetric(string Metric, MeanInterval? Value, MeanInterval? VersusBaseline);

public sealed record ArmSummary(string Arm, string Description, IReadOnlyList<ArmMetric> Metrics);

/// <summary>The A/B's table: per arm, each metric's mean with its 95% t-interval over seeds, and the difference from <c>relevance</c>.</summary>
public sealed record ExperimentReport(ExperimentSettings Settings, IReadOnlyList<ArmSummary> Arms, IReadOnlyList<ArmSeedResult> Runs, double WallSeconds)
{
    private static readonly (string Name, Func<ArmSeedResult, double?> Value, bool Percent)[] Metrics =
    [
        ("D1", r => r.D1, true),
        ("D7", r => r.D7, true),
        ("D30", r => r.D30, true),
        ("sessions/user", r => r.SessionsPerUser, false),
        ("items consumed/user", r => r.ItemsConsumedPerUser, false),
        ("distinct genres/user", r => r.DistinctGenresPerUser, false),
    ];

    public static ExperimentReport Build(ExperimentSettings settings, IReadOnlyList<ArmSeedResult> runs, double wallSeconds)
    {
        var baseline = runs.Where(r => r.Arm == ExperimentArm.Baseline).ToDictionary(r => r.Seed);
        var arms = new List<ArmSummary>();
        foreach (var name in settings.Arms)
        {
            var own = runs.Where(r => r.Arm == name).OrderBy(r => r.Seed).ToArray();
            var metrics = new List<ArmMetric>();
            foreach (var (metric, value, _) in Metrics)
            {
                var values = own.Select(value).OfType<double>().ToArray();
                MeanInterval? versus = null;
                if (name != ExperimentArm.Baseline && baseline.Count > 0)
                {
                    // Same seed, same population: the paired difference cancels the population's own noise.
                    var diffs = own.Where(r => baseline.ContainsKey(r.Seed) && value(r) is not null && value(baseline[r.Seed]) is not null)
                        .Select(r => value(r)!.Value - value(baseline[r.Seed])!.Value).ToArray();
                    versus = diffs.Length > 0 ? MeanInterval.Of(diffs) : null;
                }
                metrics.Add(new ArmMetric(metric, values.Length > 0 ? MeanInterval.Of(values) : null, versus));
            }
            arms.Add(new ArmSummary(name, ExperimentArm.Find(name)!.Description, metrics));
        }
        return new ExperimentReport(settings, arms, runs, wallSeconds);
    }

    public string Json() => JsonSerializer.Serialize(this, LongviewJson.Options);

    /// <summary>Markdown: a values table (mean ± half-width) and a differences-from-relevance table.</summary>
    public string Markdown()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Settings.Describe()}; wall time {WallSeconds:F0} s.\n\n");
        text.Append("| arm | ").Append(string.Join(" | ", Metrics.Select(m => m.Name))).Append(" |\n");
        text.Append("|---|").Append(string.Concat(Metrics.Select(_ => "---:|"))).Append('\n');
        foreach (var arm in Arms)
        {
            text.Append("| ").Append(arm.Arm).Append(" | ")
                .Append(string.Join(" | ", arm.Metrics.Select((m, i) => Format(m.Value, Metrics[i].Percent)))).Append(" |\n");
        }
        if (Arms.Any(a => a.Metrics.Any(m => m.VersusBaseline is not null)))
        {
            text.Append("\nDifference from `relevance` (same seeds, paired; 95% CI; * = the interval excludes 0):\n\n");
            text.Append("| arm | ").Append(string.Join(" | ", Metrics.Select(m => "Δ " + m.Name))).Append(" |\n");
            text.Append("|---|").Append(string.Concat(Metrics.Select(_ => "---:|"))).Append('\n');
            foreach (var arm in Arms.Where(a => a.Metrics.Any(m => m.VersusBaseline is not null)))
            {
                text.Append("| ").Append(arm.Arm).Append(" | ")
                    .Append(string.Join(" | ", arm.Metrics.Select((m, i) => m.VersusBaseline is { } d ? Format(d, Metrics[i].Percent, signed: true) + (d.ExcludesZero ? " *" : "") : "n/a")))
                    .Append(" |\n");
            }
        }
        return text.ToString();
    }

    private static string Format(MeanInterval? interval, bool percent, bool signed = false)
    {
        if (interval is not { } value)
        {
            return "n/a";
        }
        var scale = percent ? 100 : 1;
        const string format = "0.00";
        var mean = (value.Mean * scale).ToString(signed ? "+0.00;-0.00" : format, CultureInfo.InvariantCulture);
        var unit = percent ? (signed ? " pp" : "%") : "";
        return value.Count > 1
            ? $"{mean}{unit} ± {(value.HalfWidth * scale).ToString(format, CultureInfo.InvariantCulture)}"
            : $"{mean}{unit}";
    }
}

/// <summary>The settings an experiment ran with (printed with every table).</summary>
public sealed record ExperimentSettings(int Users, int Days, int ArrivalDays, int ListSize, IReadOnlyList<int> Seeds, IReadOnlyList<string> Arms, string? ModelVersion, string Dataset, int? RetrainEveryDays = null, string? UserModelFile = null, UserModelOptions? UserModel = null)
{
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Users:N0} users arriving over {ArrivalDays} days, {Days} simulated days, lists of {ListSize}, seeds {string.Join(",", Seeds)}, arms {string.Join(", ", Arms)}; model {ModelVersion ?? "none"}{(RetrainEveryDays is { } every ? $", retrained every {every} days through the training pipeline" : "")}; world fitted on {Dataset}; user model {(UserModelFile is null ? "defaults" : "from " + Path.GetFileName(UserModelFile))}");
}
