using Longview.Local.Simulation;
using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Proof;

/// <summary>
/// The product's experiment routes recover a known injected effect within their interval, and find none in an A/A run
/// (one seed each here, a few seconds; the rates over many seeds come from <c>longview prove-experiment</c>, see
/// functions/Longview.Core/Experiments/README.md).
/// </summary>
public sealed class ExperimentProofTests
{
    [Fact]
    public async Task A_known_effect_on_activity_is_inside_the_products_interval_and_cuped_narrows_it()
    {
        using var folder = new TempFolder();
        var run = await Longview.Local.Simulation.ExperimentProof.RunAsync(new ExperimentProofOptions(Users: 400, Seed: 11, Effect: 0.15), folder.Path);

        Assert.Equal(400, run.ControlUsers + run.TreatmentUsers);
        var activeDays = run.Metrics.Single(m => m.Metric == "active_days7d");
        Assert.Equal(1.05, activeDays.TrueEffect, 10);
        Assert.True(activeDays.Covered, $"true {activeDays.TrueEffect} outside [{activeDays.Lower}, {activeDays.Upper}]");
        Assert.True(activeDays.CupedCovered, $"true {activeDays.TrueEffect} outside the CUPED [{activeDays.CupedLower}, {activeDays.CupedUpper}]");
        Assert.True(activeDays.CupedSignificant, "an effect of 1.05 active days on 400 users should be detected");
        Assert.True(activeDays.VarianceReduction > 0.2, $"the pre-period activity predicts the post-period one; CUPED removed only {activeDays.VarianceReduction:P0}");
        Assert.True(activeDays.CupedUpper - activeDays.CupedLower < activeDays.Upper - activeDays.Lower);
    }

    [Fact]
    public async Task An_aa_run_holds_zero_inside_every_interval()
    {
        using var folder = new TempFolder();
        var run = await Longview.Local.Simulation.ExperimentProof.RunAsync(new ExperimentProofOptions(Users: 400, Seed: 12, Effect: 0), folder.Path);

        Assert.All(run.Metrics, m => Assert.True(m.Covered && m.CupedCovered, $"{m.Metric}: 0 outside [{m.Lower}, {m.Upper}] / CUPED [{m.CupedLower}, {m.CupedUpper}]"));
    }

    [Fact]
    public async Task A_win_back_campaigns_known_lift_against_the_holdout_is_inside_the_products_interval()
    {
        using var folder = new TempFolder();
        var run = await Longview.Local.Simulation.ExperimentProof.RunCampaignAsync(new ExperimentProofOptions(Users: 500, Seed: 21, Effect: 0.1), folder.Path);

        // Every tenth user was active yesterday, outside the at-risk audience: 450 entered.
        Assert.Equal(450, run.ControlUsers + run.TreatmentUsers);
        var reactivated = run.Metrics.Single(m => m.Metric == "reactivated");
        Assert.True(reactivated.Covered, $"true lift {reactivated.TrueEffect} outside [{reactivated.Lower}, {reactivated.Upper}]");
        Assert.True(reactivated.Significant, "a lift of this size on 450 users should be detected");
        var activeDays = run.Metrics.Single(m => m.Metric == "active_days7d");
        Assert.True(activeDays.Covered && activeDays.CupedCovered, $"true {activeDays.TrueEffect} outside [{activeDays.Lower}, {activeDays.Upper}] / CUPED [{activeDays.CupedLower}, {activeDays.CupedUpper}]");
    }

    /// <summary>The in-process replica used for false-positive rates over many seeds computes the product's own intervals.</summary>
    [Theory]
    [InlineData(401)]
    [InlineData(1007)]
    public async Task The_campaign_replica_gives_the_products_intervals_seed_for_seed(int seed)
    {
        using var folder = new TempFolder();
        var run = await Longview.Local.Simulation.ExperimentProof.RunCampaignAsync(new ExperimentProofOptions(Users: 500, Seed: seed, Effect: 0), folder.Path);

        var replica = CampaignProofReplica.Run(seed, 500);

        foreach (var metric in run.Metrics)
        {
            Assert.Equal(metric.Lower, replica[metric.Metric].Lower, 9);
            Assert.Equal(metric.Upper, replica[metric.Metric].Upper, 9);
        }
        Assert.Equal(3, run.Metrics.Count);
    }
}
