using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Longview.Core.Import;
using Longview.Core.Simulation.ClosedLoop;
using Longview.Local.Evaluation;
using Longview.Local.Experiments;
using Longview.Local.Hosting;
using Spectre.Console;

namespace Longview.Local.Cli;

/// <summary>
/// <c>longview experiment --model DIR [--arms a,b] [--users N] [--days N] [--seeds N] [--out DIR]</c>: a closed-loop A/B
/// of ranking policies on simulated users through the real services; <c>--calibrate</c> fits the return process instead.
/// </summary>
internal static class ExperimentCommand
{
    public const int MaxUsers = 20_000;
    public const int MaxSeeds = 30;
    public const int DefaultDays = 60;

    /// <summary>
    /// An option's value inside a command validator. There an option left out reads as default(T), not as its default
    /// value (a bare --retrain-every 20 was refused, and arms left out skipped the --model check), so give the default.
    /// </summary>
    private static T Given<T>(CommandResult result, Option<T> option, T whenAbsent) =>
        result.GetResult(option) is null ? whenAbsent : result.GetValue(option)!;

    private static readonly string DefaultArms = string.Join(",", ExperimentArm.Names);

    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "Model folder (manifest.json, model.onnx, churn.onnx) the model arms serve; not needed for popularity only or --calibrate." };
        var dataset = new Option<string>("--dataset") { Description = "Real dataset the users' tastes, the items and the calibration target come from (default: $LONGVIEW_SHARED_DATA/ml-1m).", DefaultValueFactory = _ => DefaultDataset() };
        var format = new Option<string>("--format") { Description = "Format of --dataset.", DefaultValueFactory = _ => "ml-1m" };
        format.AcceptOnlyFromAmong([.. DatasetFormats.Default.Names]);
        var arms = new Option<string>("--arms") { Description = $"Comma-separated arms: {string.Join(", ", ExperimentArm.Names)}.", DefaultValueFactory = _ => DefaultArms };
        arms.Validators.Add(result =>
        {
            if (ParseArms(result.GetValueOrDefault<string>(), out var error) is null)
            {
                result.AddError(error!);
            }
        });
        var users = Bounded(new Option<int>("--users") { Description = $"Simulated users per run (1..{MaxUsers}).", DefaultValueFactory = _ => 1_000 }, 1, MaxUsers);
        var days = Bounded(new Option<int>("--days") { Description = $"Simulated days (2..{ClosedLoopOptions.MaxDays}); D30 needs arrivals to end 30 days before.", DefaultValueFactory = _ => DefaultDays }, 2, ClosedLoopOptions.MaxDays);
        var arrival = new Option<int?>("--arrival-days") { Description = "Users arrive over the first N days (default: half of --days)." };
        var seeds = Bounded(new Option<int>("--seeds") { Description = $"Seeded populations per arm (1..{MaxSeeds}); 2 or more give confidence intervals.", DefaultValueFactory = _ => 5 }, 1, MaxSeeds);
        var firstSeed = Bounded(new Option<int>("--first-seed") { Description = "Seeds are first-seed, first-seed+1, ...", DefaultValueFactory = _ => 1 }, 0, 1_000_000);
        var listSize = Bounded(new Option<int>("--list-size") { Description = "Items per recommended list (1..100).", DefaultValueFactory = _ => 10 }, 1, 100);
        var output = new Option<string>("--out") { Description = "Folder for results.json, results.md and each run's data folder (with retention.html); default .longview/experiments beside the default data folder.", DefaultValueFactory = _ => Path.Combine(Path.GetDirectoryName(DataFolders.Default())!, "experiments") };
        var retrainEvery = new Option<int?>("--retrain-every") { Description = "Retrain the model arms' model every N simulated days through the real training pipeline (local process runner, the first-model job flags); slow: minutes per retraining." };
        var userModelFile = new Option<string?>("--user-model") { Description = "JSON file overriding user-model parameters (UserModelOptions, camelCase), e.g. {\"satisfactionEffect\": 2} for a sensitivity run." };
        var calibrate = new Option<bool>("--calibrate") { Description = "Fit the return process to the dataset's return days under the popularity arm (grid search), print real vs simulated, and stop." };
        var command = new Command("experiment", "Closed-loop A/B of ranking policies on simulated users through the real services: D1/D7/D30 retention, sessions, consumption and diversity per arm with 95% CIs over seeds.")
        {
            model, dataset, format, arms, users, days, arrival, seeds, firstSeed, listSize, output, retrainEvery, userModelFile, calibrate,
        };
        command.Validators.Add(result =>
        {
            var dayCount = Given(result, days, DefaultDays);
            if (result.GetValue(arrival) is { } a && (a < 1 || a > dayCount))
            {
                result.AddError($"--arrival-days: {a} is outside 1..--days ({dayCount})");
            }
            if (result.GetValue(retrainEvery) is { } every && (every < 1 || every >= dayCount))
            {
                result.AddError($"--retrain-every: {every} is outside 1..--days - 1 ({dayCount - 1})");
            }
            var chosen = ParseArms(Given(result, arms, DefaultArms), out _);
            if (!result.GetValue(calibrate) && chosen is not null && chosen.Any(n => ExperimentArm.Find(n)!.UsesModel) && result.GetValue(model) is null)
            {
                result.AddError($"--model: arms {string.Join(", ", chosen.Where(n => ExperimentArm.Find(n)!.UsesModel))} serve a model; give --model DIR or choose --arms popularity");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            var datasetFolder = Path.GetFullPath(parse.GetValue(dataset)!);
            var modelFolder = parse.GetValue(model) is { } m ? Path.GetFullPath(m) : null;
            if (modelFolder is not null && !File.Exists(Path.Combine(modelFolder, "manifest.json")))
            {
                await Console.Error.WriteLineAsync($"--model: {modelFolder} has no manifest.json (it must be a training job's output folder)");
                return 2;
            }
            if (!Directory.Exists(datasetFolder))
            {
                await Console.Error.WriteLineAsync($"--dataset: {datasetFolder} does not exist");
                return 2;
            }
            var outFolder = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(outFolder);
            UserModelOptions userModel;
            try
            {
                userModel = parse.GetValue(userModelFile) is { } file ? UserModelFile.Read(file) : new UserModelOptions();
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 2;
            }
            await Console.Error.WriteLineAsync($"reading {datasetFolder} ({parse.GetValue(format)})");
            var data = EvaluationDataset.Read(datasetFolder, DatasetFormats.Default.Find(parse.GetValue(format)!)!);
            var world = ExperimentWorld.From(data, userModel);
            await Console.Error.WriteLineAsync($"world: {world.Items.Count:N0} items, {world.Features.Genres.Count} genres, taste prior from {world.Prior.RealUsers:N0} real users (heavy: at least {world.Prior.EngagedAtQuantile(userModel.HeavyQuantile)} items)");
            var dayCount = parse.GetValue(days);
            var settings = new ExperimentSettings(parse.GetValue(users), dayCount, parse.GetValue(arrival) ?? Math.Max(1, dayCount / 2), parse.GetValue(listSize),
                [.. Enumerable.Range(parse.GetValue(firstSeed), parse.GetValue(seeds))], ParseArms(parse.GetValue(arms), out _)!, ModelVersion(modelFolder), Path.GetFileName(datasetFolder), parse.GetValue(retrainEvery), parse.GetValue(userModelFile), userModel);
            if (parse.GetValue(calibrate))
            {
                return await CalibrateAsync(world, userModel, settings, outFolder, ct);
            }
            var runner = new ExperimentRunner(world, userModel, modelFolder, Console.Error);
            // A bar over all runs (arm × seed), each counted by its share of simulated days, as evaluate and import show theirs.
            var report = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("runs", maxValue: settings.Seeds.Count * settings.Arms.Count);
                    return await runner.RunAsync(settings, outFolder, ct, new Progress<ExperimentProgress>(p =>
                    {
                        task.Value = p.Value;
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"{p.Arm} seed {p.Seed} (run {Math.Min(p.RunsDone + 1, p.Runs)}/{p.Runs})");
                    }));
                });
            await File.WriteAllTextAsync(Path.Combine(outFolder, "results.json"), report.Json(), ct);
            var markdown = report.Markdown();
            await File.WriteAllTextAsync(Path.Combine(outFolder, "results.md"), markdown, ct);
            Console.Out.Write(markdown);
            await Console.Error.WriteLineAsync($"wrote {Path.Combine(outFolder, "results.json")}, results.md and runs/*/retention.html (open a run folder with: longview serve --data FOLDER, then /retention)");
            return 0;
        });
        return command;
    }

    private static async Task<int> CalibrateAsync(ExperimentWorld world, UserModelOptions userModel, ExperimentSettings settings, string outFolder, CancellationToken ct)
    {
        var calibrator = new ReturnCalibrator(world, userModel, Console.Error);
        var loop = ExperimentRunner.Loop(settings, settings.Seeds[0]);
        var points = await calibrator.SearchAsync(loop, Path.Combine(outFolder, "calibration"), ct);
        var current = await calibrator.EvaluateAsync(ExperimentArm.Find("popularity")!, loop, ReturnParameters.Of(userModel), Path.Combine(outFolder, "calibration", "defaults"), ct);
        var best = points[0];
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"calibration under the popularity arm, {settings.Users:N0} users, {settings.Days} days, seed {loop.Seed}; real: {world.RealActivity.Count:N0} users of {settings.Dataset}\n\n");
        text.Append("| | D1 | D2 | D3 | D7 | D14 | D30 | active days 1..30 | sessions/user | distance |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        void Row(string name, ReturnDistribution d, double? sessions, double? distance) =>
            text.Append(CultureInfo.InvariantCulture,
                $"| {name} | {d.ExactDayRates[0]:P1} | {d.ExactDayRates[1]:P1} | {d.ExactDayRates[2]:P1} | {d.ExactDayRates[6]:P1} | {d.ExactDayRates[13]:P1} | {d.ExactDayRates[29]:P1} | {d.ActiveDaysAfterFirst:F2} | {(sessions is { } s ? s.ToString("F2", CultureInfo.InvariantCulture) : "n/a")} | {(distance is { } x ? x.ToString("F4", CultureInfo.InvariantCulture) : "")} |\n");
        Row("real", calibrator.Real, null, null);
        Row($"best grid point ({best.Parameters})", best.Simulated, best.SessionsPerUser, best.Distance);
        Row($"defaults ({current.Parameters})", current.Simulated, current.SessionsPerUser, current.Distance);
        text.Append("\nnext best: ").Append(string.Join("; ", points.Skip(1).Take(4).Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"({p.Parameters}) {p.Distance:F4}")))).Append('\n');
        await File.WriteAllTextAsync(Path.Combine(outFolder, "calibration.md"), text.ToString(), ct);
        Console.Out.Write(text.ToString());
        return 0;
    }

    /// <summary>The distinct arms of a comma-separated list, or null with the reason.</summary>
    public static IReadOnlyList<string>? ParseArms(string? text, out string? error)
    {
        error = null;
        var names = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            error = "--arms: at least one arm is required";
            return null;
        }
        if (names.FirstOrDefault(n => ExperimentArm.Find(n) is null) is { } unknown)
        {
            error = $"--arms: unknown arm '{unknown}'; known: {string.Join(", ", ExperimentArm.Names)}";
            return null;
        }
        if (names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            error = $"--arms: '{twice.Key}' is listed twice";
            return null;
        }
        return names;
    }

    private static Option<int> Bounded(Option<int> option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                result.AddError($"{option.Name}: {value} is outside {min}..{max}");
            }
        });
        return option;
    }

    private static string DefaultDataset() =>
        Path.Combine(Environment.GetEnvironmentVariable("LONGVIEW_SHARED_DATA") is { Length: > 0 } shared ? shared : Path.Combine("..", "shared", "data"), "ml-1m");

    private static string? ModelVersion(string? modelFolder)
    {
        if (modelFolder is null)
        {
            return null;
        }
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(modelFolder, "manifest.json")));
        return manifest.RootElement.TryGetProperty("version", out var version) ? version.GetString() : null;
    }
}
