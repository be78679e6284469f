using System.Globalization;
using System.Text.Json;
using Longview.Core.Simulation.ClosedLoop;
using Longview.Local.Cli;
using Longview.Local.Evaluation;
using Longview.Local.Experiments;
using Longview.Local.Serving;
using Longview.Local.Tests.Serving;
using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Experiments;

public sealed class ExperimentCommandTests
{
    private static IReadOnlyList<string> Errors(params string[] args) =>
        [.. LongviewCli.Create().Parse(["experiment", .. args]).Errors.Select(e => e.Message)];

    [Theory]
    [InlineData("--users", "0", "--users: 0 is outside 1..20000")]
    [InlineData("--users", "20001", "--users: 20001 is outside 1..20000")]
    [InlineData("--days", "1", "--days: 1 is outside 2..365")]
    [InlineData("--seeds", "31", "--seeds: 31 is outside 1..30")]
    [InlineData("--list-size", "101", "--list-size: 101 is outside 1..100")]
    [InlineData("--arms", "popularity,bogus", "--arms: unknown arm 'bogus'; known: popularity, relevance, retention, explore, fatigue-only")]
    [InlineData("--arms", "popularity,popularity", "--arms: 'popularity' is listed twice")]
    [InlineData("--arms", ",", "--arms: at least one arm is required")]
    public void Out_of_range_options_are_refused_naming_the_option_and_the_limit(string option, string value, string expected)
    {
        Assert.Contains(expected, Errors("--model", "m", option, value));
    }

    [Fact]
    public void Model_arms_need_a_model_and_arrivals_must_fit_the_horizon()
    {
        Assert.Contains("--model: arms relevance serve a model; give --model DIR or choose --arms popularity", Errors("--arms", "popularity,relevance"));
        Assert.Contains("--arrival-days: 50 is outside 1..--days (40)", Errors("--arms", "popularity", "--days", "40", "--arrival-days", "50"));
        Assert.Empty(Errors("--arms", "popularity", "--days", "40", "--arrival-days", "30"));
        // Without --days or --arms the checks use their defaults (60 days; every arm, so a model is needed), not empty values.
        Assert.Contains("--model: arms relevance, retention, explore, fatigue-only serve a model; give --model DIR or choose --arms popularity", Errors("--users", "10"));
        Assert.Empty(Errors("--arms", "popularity", "--retrain-every", "20", "--arrival-days", "30"));
        Assert.Contains("--retrain-every: 60 is outside 1..--days - 1 (59)", Errors("--arms", "popularity", "--retrain-every", "60"));
    }

    [TinyModelFact]
    public async Task The_verb_runs_every_arm_on_every_seed_through_the_real_services_and_writes_results_and_retention_pages()
    {
        using var model = new TinyModel();
        using var temp = new TempFolder();
        var dataset = TinyDataset(Path.Combine(temp.Path, "dataset"));
        var output = Path.Combine(temp.Path, "out");

        var code = await LongviewCli.Create().Parse([
            "experiment", "--model", Path.Combine(model.Folder, TinyModel.Version), "--dataset", dataset, "--arms", "popularity,relevance,retention",
            "--users", "40", "--days", "20", "--arrival-days", "8", "--seeds", "2", "--out", output,
        ]).InvokeAsync();

        Assert.Equal(0, code);
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json")));
        var runs = results.RootElement.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(6, runs.Length);
        Assert.All(runs, run => Assert.Equal(40, run.GetProperty("users").GetInt32()));
        // D1 is a share of 40 users from the retention code over the arm's own store: a multiple of 1/40 in 0..1.
        Assert.All(runs, run => Assert.Equal(0, Math.Round(run.GetProperty("d1").GetDouble() * 40, 9) % 1));
        // Same seeded users, different weights in the real service: the model arms' outcomes differ.
        string Outcome(JsonElement run) => string.Join("/", new[] { "sessionsPerUser", "itemsConsumedPerUser", "distinctGenresPerUser" }.Select(p => run.GetProperty(p).GetDouble()));
        var bySeed = runs.GroupBy(r => r.GetProperty("seed").GetInt32());
        Assert.Contains(bySeed, seed => Outcome(seed.Single(r => r.GetProperty("arm").GetString() == "relevance")) != Outcome(seed.Single(r => r.GetProperty("arm").GetString() == "retention")));
        var arms = results.RootElement.GetProperty("arms").EnumerateArray().Select(a => a.GetProperty("arm").GetString()!).ToArray();
        Assert.Equal(["popularity", "relevance", "retention"], arms);
        var markdown = await File.ReadAllTextAsync(Path.Combine(output, "results.md"));
        Assert.Contains("| retention |", markdown);
        Assert.Contains("Difference from `relevance`", markdown);
        foreach (var run in new[] { "popularity-seed1", "relevance-seed2" })
        {
            var page = await File.ReadAllTextAsync(Path.Combine(output, "runs", run, ArmRunner.PageFile));
            Assert.Contains("<svg", page);
            // The run's own data folder (real SQLite stores): `longview serve --data` on it shows the same page.
            Assert.True(File.Exists(Path.Combine(output, "runs", run, "profiles.db")));
        }
        // The model arms served the installed model; the popularity arm had none.
        Assert.True(Directory.Exists(Path.Combine(output, "runs", "relevance-seed1", "blobs", ModelFolderInstaller.Container)));
        Assert.False(Directory.Exists(Path.Combine(output, "runs", "popularity-seed1", "blobs", ModelFolderInstaller.Container)));
    }

    [TinyModelFact]
    public async Task Retraining_goes_through_the_real_training_pipeline_at_the_simulated_day()
    {
        using var model = new TinyModel();
        using var temp = new TempFolder();
        var dataset = TinyDataset(Path.Combine(temp.Path, "dataset"));
        var output = Path.Combine(temp.Path, "out");

        var code = await LongviewCli.Create().Parse([
            "experiment", "--model", Path.Combine(model.Folder, TinyModel.Version), "--dataset", dataset, "--arms", "popularity,retention",
            "--users", "40", "--days", "20", "--arrival-days", "8", "--seeds", "1", "--retrain-every", "6", "--out", output,
        ]).InvokeAsync();

        Assert.Equal(0, code);
        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json")));
        var runs = results.RootElement.GetProperty("runs").EnumerateArray().ToDictionary(r => r.GetProperty("arm").GetString()!);
        Assert.Empty(runs["popularity"].GetProperty("retrainings").EnumerateArray());
        var retrainings = runs["retention"].GetProperty("retrainings").EnumerateArray().Select(r => r.GetString()!).ToArray();
        // Days 6 and 12 (day 18 too when a session is still due after it); each a finished pipeline run recorded in the arm's store.
        Assert.InRange(retrainings.Length, 2, 3);
        Assert.StartsWith("2026-01-11: run 20260111T000000Z-", retrainings[0]);
        Assert.All(retrainings, r => Assert.Matches(@"run \S+ (Promoted|Rejected|Failed) \(", r));
        foreach (var line in retrainings)
        {
            var runId = System.Text.RegularExpressions.Regex.Match(line, @"run (\S+) ").Groups[1].Value;
            // The pipeline recorded the run, with the snapshot of the simulated profiles it trained on.
            Assert.True(File.Exists(Path.Combine(output, "runs", "retention-seed1", "blobs", "training", runId, "run.json")), $"no run record for {runId}");
            Assert.True(File.Exists(Path.Combine(output, "runs", "retention-seed1", "blobs", "training", runId, "snapshot.ndjson.gz")), $"no snapshot for {runId}");
        }
    }

    [Fact]
    public async Task The_runner_reports_progress_over_every_run_ending_complete()
    {
        using var temp = new TempFolder();
        var dataset = TinyDataset(Path.Combine(temp.Path, "dataset"));
        var world = ExperimentWorld.From(EvaluationDataset.Read(dataset, Longview.Core.Import.DatasetFormats.Default.Find("ml-1m")!), new UserModelOptions());
        var settings = new ExperimentSettings(20, 10, 4, 5, [1, 2], ["popularity"], null, "tiny");
        var reports = new List<ExperimentProgress>();

        await new ExperimentRunner(world, new UserModelOptions(), null, TextWriter.Null)
            .RunAsync(settings, Path.Combine(temp.Path, "out"), CancellationToken.None, new Recorder(reports));

        Assert.All(reports, r => Assert.Equal(2, r.Runs));
        Assert.Equal(reports.Select(r => r.Value).Order(), reports.Select(r => r.Value));
        Assert.Contains(reports, r => r.RunFraction is > 0 and < 1);
        Assert.Equal((2, 2.0), (reports[^1].RunsDone, reports[^1].Value));
        Assert.Equal([1, 2], reports.Select(r => r.Seed).Distinct());
    }

    private sealed class Recorder(List<ExperimentProgress> into) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => into.Add(value);
    }

    /// <summary>An ml-1m-format dataset over the tiny model's vocabulary (item-1..item-40): 60 users rating 6-15 items each.</summary>
    private static string TinyDataset(string folder)
    {
        Directory.CreateDirectory(folder);
        string[] genres = ["Action", "Comedy", "Drama", "Horror"];
        File.WriteAllLines(Path.Combine(folder, "movies.dat"), Enumerable.Range(1, 40).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"item-{i}::Movie {i} (2000)::{genres[i % 4]}|{genres[(i / 4) % 4]}")));
        var random = new Random(5);
        var lines = new List<string>();
        for (var u = 1; u <= 60; u++)
        {
            var day = 978_300_000L + (random.Next(30) * 86_400L);
            foreach (var item in Enumerable.Range(1, 40).OrderBy(_ => random.Next()).Take(6 + random.Next(10)))
            {
                day += random.Next(3) == 0 ? 86_400 * random.Next(1, 4) : 60;
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{u}::item-{item}::{1 + random.Next(5)}::{day}"));
            }
        }
        File.WriteAllLines(Path.Combine(folder, "ratings.dat"), lines);
        return folder;
    }
}
