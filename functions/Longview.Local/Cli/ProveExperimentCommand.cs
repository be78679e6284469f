using System.CommandLine;
using System.Globalization;
using Longview.Local.Simulation;

namespace Longview.Local.Cli;

/// <summary>
/// <c>prove-experiment [--users N] [--seeds K] [--effect D] [--first-seed S] [--campaign] [--replica]</c>: runs <see cref="ExperimentProof"/> K
/// times (a fresh data folder each) and prints, per metric, how often the product's 95% interval (raw and CUPED) held
/// the true effect and how often it excluded zero (with --effect 0: the A/A false-positive rate). With --campaign
/// --replica, the campaign A/A's data in-process (<see cref="CampaignProofReplica"/>) for many more seeds: raw
/// false-positive rates only.
/// </summary>
internal static class ProveExperimentCommand
{
    public static Command Create()
    {
        var users = new Option<int>("--users") { Description = "Simulated users per run.", DefaultValueFactory = _ => 1_000 };
        var seeds = new Option<int>("--seeds") { Description = "Runs (one seed each).", DefaultValueFactory = _ => 20 };
        var effect = new Option<double>("--effect") { Description = "Added to the treated users' daily activity probability (0: A/A).", DefaultValueFactory = _ => 0.05 };
        var firstSeed = new Option<int>("--first-seed") { Description = "Seed of the first run.", DefaultValueFactory = _ => 1 };
        var campaign = new Option<bool>("--campaign") { Description = "Run the win-back campaign proof (enrol, export members, treatment against holdout) instead of the A/B test." };
        var replica = new Option<bool>("--replica") { Description = "With --campaign and --effect 0: the campaign A/A's data and Core's intervals in-process, without the app (false-positive rates over many seeds)." };
        users.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 20 or > 200_000) { r.AddError("--users must be 20..200000"); } });
        seeds.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 100_000) { r.AddError("--seeds must be 1..100000 (the app path costs about half a second of CPU per seed, the replica microseconds)"); } });
        effect.Validators.Add(r => { if (r.GetValueOrDefault<double>() is < 0 or > 0.3) { r.AddError("--effect must be 0..0.3 (probabilities stay below 1)"); } });
        var command = new Command("prove-experiment", "Recover a known effect (or none) through the product's own experiment routes, over seeds.") { users, seeds, effect, firstSeed, campaign, replica };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(replica))
            {
                if (!parse.GetValue(campaign) || parse.GetValue(effect) != 0)
                {
                    await Console.Error.WriteLineAsync("--replica runs the campaign A/A only: add --campaign and --effect 0");
                    return 2;
                }
                var significant = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < parse.GetValue(seeds); i++)
                {
                    foreach (var (metric, interval) in CampaignProofReplica.Run(parse.GetValue(firstSeed) + i, parse.GetValue(users)))
                    {
                        significant[metric] = significant.GetValueOrDefault(metric) + (interval.Significant ? 1 : 0);
                    }
                }
                Console.Out.WriteLine("metric,seeds,false_positive_rate");
                foreach (var (metric, count) in significant)
                {
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{metric},{parse.GetValue(seeds)},{count / (double)parse.GetValue(seeds):F4}"));
                }
                return 0;
            }
            var runs = new List<ExperimentProofRun>();
            for (var i = 0; i < parse.GetValue(seeds); i++)
            {
                var folder = Directory.CreateTempSubdirectory("longview-proof-");
                try
                {
                    var proof = new ExperimentProofOptions(parse.GetValue(users), parse.GetValue(firstSeed) + i, parse.GetValue(effect));
                    var run = parse.GetValue(campaign)
                        ? await ExperimentProof.RunCampaignAsync(proof, folder.FullName, cancellationToken)
                        : await ExperimentProof.RunAsync(proof, folder.FullName, cancellationToken);
                    runs.Add(run);
                    var d7 = run.Metrics.Single(m => m.Metric == "active_days7d");
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"seed {run.Seed}: {run.ControlUsers}/{run.TreatmentUsers} users, SRM p={run.SampleRatioP:F3}, active_days7d {d7.Difference:F3} [{d7.Lower:F3}, {d7.Upper:F3}] CUPED [{d7.CupedLower:F3}, {d7.CupedUpper:F3}] true {d7.TrueEffect:F3}"));
                }
                finally
                {
                    folder.Delete(recursive: true);
                }
            }
            Console.Out.WriteLine("metric,true_effect,coverage,cuped_coverage,significant,cuped_significant,mean_variance_reduction");
            foreach (var metric in runs[0].Metrics.Select(m => m.Metric))
            {
                var all = runs.Select(r => r.Metrics.Single(m => m.Metric == metric)).ToList();
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{metric},{all.Average(m => m.TrueEffect):F4},{all.Count(m => m.Covered) / (double)all.Count:F3},{all.Count(m => m.CupedCovered) / (double)all.Count:F3},{all.Count(m => m.Significant) / (double)all.Count:F3},{all.Count(m => m.CupedSignificant) / (double)all.Count:F3},{all.Average(m => m.VarianceReduction):F3}"));
            }
            return 0;
        });
        return command;
    }
}
