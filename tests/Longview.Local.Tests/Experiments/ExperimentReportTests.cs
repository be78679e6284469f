using Longview.Local.Experiments;

namespace Longview.Local.Tests.Experiments;

public sealed class ExperimentReportTests
{
    private static ArmSeedResult Result(string arm, int seed, double? d7, double sessions) =>
        new(arm, seed, 100, 0.1, d7, null, sessions, 1, 1, 0, 0, 0, "", [], []);

    [Fact]
    public void Differences_from_relevance_pair_runs_by_seed_and_unmeasured_cells_stay_out()
    {
        var settings = new ExperimentSettings(100, 20, 10, 10, [1, 2, 3], ["relevance", "retention"], "m", "tiny");
        var runs = new[]
        {
            Result("relevance", 1, 0.10, 2.0), Result("relevance", 2, 0.20, 3.0), Result("relevance", 3, 0.30, 4.0),
            // Each seed's population differs a lot; the arm adds the same +0.02 and +0.5 to each.
            Result("retention", 1, 0.12, 2.5), Result("retention", 2, 0.22, 3.5), Result("retention", 3, 0.32, 4.5),
        };

        var report = ExperimentReport.Build(settings, runs, wallSeconds: 1);

        var retention = report.Arms.Single(a => a.Arm == "retention").Metrics.ToDictionary(m => m.Metric);
        Assert.Equal(0.22, retention["D7"].Value!.Mean, 12);
        Assert.True(retention["D7"].Value!.HalfWidth > 0.1, "unpaired, the seeds' spread dominates");
        Assert.Equal(0.02, retention["D7"].VersusBaseline!.Mean, 12);
        Assert.Equal(0, retention["D7"].VersusBaseline!.HalfWidth, 9); // paired: the same +0.02 on every seed
        Assert.Equal(0.5, retention["sessions/user"].VersusBaseline!.Mean, 12);
        Assert.Null(retention["D30"].Value);               // no cohort reached day 30 in any run
        Assert.Null(retention["D30"].VersusBaseline);
        Assert.Null(report.Arms.Single(a => a.Arm == "relevance").Metrics[0].VersusBaseline);
        var markdown = report.Markdown();
        Assert.Contains("| retention | 10.00% ± 0.00 | 22.00% ± 24.84 | n/a | 3.50 ± 2.48 |", markdown);
        Assert.Contains("| retention | +0.00 pp ± 0.00 | +2.00 pp ± 0.00 * | n/a | +0.50 ± 0.00 * |", markdown);
    }
}
