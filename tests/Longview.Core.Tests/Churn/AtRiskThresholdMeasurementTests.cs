using Longview.Core.Lifecycle;
using Longview.Core.Lifecycle.Churn;
using Xunit.Abstractions;

namespace Longview.Core.Tests.Churn;

/// <summary>
/// The measurement behind <see cref="LifecycleOptions.ChurnRiskThreshold"/>'s default. The threshold only decides for
/// users active within <see cref="LifecycleOptions.ActiveMaxRecencyDays"/> (the others are segmented by recency), so
/// the criterion, F1 of "churns in the next N days" (N = 90, the temporal protocol, cut-off = the data's last day − N),
/// is measured among those users, for both scores the product serves (the recency-frequency fallback and the logistic
/// model), on the four datasets; the default is the most selective threshold on a 0.05 grid whose mean F1 over the
/// eight is within 0.01 of the best.
/// </summary>
public sealed class AtRiskThresholdMeasurementTests(ITestOutputHelper output)
{
    private const int Horizon = 90;

    /// <summary>Mean F1 differences below this are noise with 28 to 227 active users per dataset.</summary>
    private const double FlatF1 = 0.01;

    private static readonly double[] Grid = [.. Enumerable.Range(1, 19).Select(i => i * 0.05)];

    [ChurnDatasetsFact]
    public void The_default_at_risk_threshold_is_the_most_selective_with_the_best_mean_F1_of_both_served_scores_on_the_four_datasets()
    {
        var lifecycle = new LifecycleOptions();
        var chosen = lifecycle.ChurnRiskThreshold;
        var f1ByThreshold = Grid.ToDictionary(t => t, _ => new List<double>());
        foreach (var name in ChurnDatasets.Names)
        {
            var users = ChurnDatasets.Read(name);
            var cutoff = users.Max(u => u.LastSeenDay).AddDays(-Horizon);
            foreach (var method in TemporalChurnEvaluation.Score(users, cutoff, Horizon, lifecycle)
                .Where(m => m.Method is TemporalChurnEvaluation.RecencyFrequency or TemporalChurnEvaluation.Logistic))
            {
                var active = method.Users.Where(u => u.RecencyDays <= lifecycle.ActiveMaxRecencyDays).Select(u => (u.Risk, u.Churned)).ToList();
                var atDefault = ChurnOperatingPoint.At(active, chosen);
                var atHalf = ChurnOperatingPoint.At(active, 0.5);
                output.WriteLine($"{name} | {method.Method} | {active.Count} active, {atDefault.BaseRate:P0} churn | "
                    + $"{chosen:F2}: F1 {atDefault.F1:F3}, precision {atDefault.Precision:F3}, recall {atDefault.Recall:F3}, flagged {atDefault.Flagged:P0} | "
                    + $"0.50: F1 {atHalf.F1:F3}, flagged {atHalf.Flagged:P0}");
                foreach (var t in Grid)
                {
                    f1ByThreshold[t].Add(ChurnOperatingPoint.At(active, t).F1);
                }
                Assert.True(atDefault.F1 >= atHalf.F1, $"{name}, {method.Method}: F1 {atDefault.F1:F3} at {chosen} vs {atHalf.F1:F3} at 0.5");
            }
        }
        var means = Grid.Select(t => (Threshold: t, MeanF1: f1ByThreshold[t].Average())).ToList();
        output.WriteLine("mean F1 by threshold: " + string.Join(", ", means.Select(m => $"{m.Threshold:F2}→{m.MeanF1:F3}")));

        // Mean F1 is nearly flat at the low end (flagging almost every active user already scores 2b/(1 + b) at these
        // base rates b), so among thresholds within FlatF1 of the best the most selective one is the default: the same
        // F1 with fewer users to call.
        var best = means.Max(m => m.MeanF1);
        var selective = means.Where(m => m.MeanF1 >= best - FlatF1).Max(m => m.Threshold);
        Assert.Equal(selective, chosen, 9);
    }
}
