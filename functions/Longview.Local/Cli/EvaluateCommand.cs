using System.CommandLine;
using System.Globalization;
using Longview.Core.Import;
using Longview.Infrastructure.Onnx;
using Longview.Local.Evaluation;
using Longview.Local.Hosting;
using Longview.Local.Serving;
using Spectre.Console;

namespace Longview.Local.Cli;

/// <summary><c>longview evaluate --model DIR --data DIR [--users N]</c>: offline quality of the whole serving path, two policies side by side.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model folder written by the training job (manifest.json, model.onnx, churn.onnx).", Required = true };
        var data = new Option<string>("--data") { Description = "Dataset folder, e.g. ../shared/data/ml-1m.", Required = true };
        var format = new Option<string>("--format") { Description = "Dataset format.", DefaultValueFactory = _ => "ml-1m" };
        format.AcceptOnlyFromAmong([.. DatasetFormats.Default.Names]);
        var users = new Option<int?>("--users") { Description = "Evaluate only the first N held-out users (default: all)." };
        users.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--users must be at least 1");
            }
        });
        var command = new Command("evaluate", "Leave-one-out evaluation of the real serving path (ONNX provider + RecommendationService): pure relevance vs retention-aware.")
        {
            model, data, format, users,
        };
        command.SetAction(async (parse, ct) => await RunAsync(
            CommonOptions.ExistingPath(parse.GetValue(model)!, "--model"), CommonOptions.ExistingPath(parse.GetValue(data)!, "--data"), DatasetFormats.Default.Find(parse.GetValue(format)!)!, parse.GetValue(users), ct));
        return command;
    }

    private static async Task<int> RunAsync(string modelFolder, string dataFolder, IDatasetFormat format, int? users, CancellationToken cancellationToken)
    {
        // The provider reads models through a blob store, as in the server: a throw-away embedded store holds this one.
        var scratch = Directory.CreateTempSubdirectory("longview-evaluate-");
        try
        {
            await using var services = new ServiceCollection()
                .AddLogging(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
                .AddLongviewLocal(scratch.FullName)
                .AddOnnxServing()
                .AddSingleton<ServingEvaluator>()
                .BuildServiceProvider();
            var version = await ModelFolderInstaller.InstallAsync(services.GetRequiredService<Core.Ports.IBlobStore>(), modelFolder, DateTimeOffset.UtcNow, cancellationToken);
            var outcome = await services.GetRequiredService<OnnxModelProvider>().RefreshAsync(cancellationToken);
            if (outcome != ModelRefreshOutcome.Loaded)
            {
                AnsiConsole.MarkupLine($"[red]model {Markup.Escape(version)} was not loaded ({outcome}); the log above says why[/]");
                return 1;
            }
            AnsiConsole.MarkupLine($"model [bold]{Markup.Escape(version)}[/]; reading {Markup.Escape(dataFolder)} ({format.Name})");
            var dataset = EvaluationDataset.Read(dataFolder, format);
            AnsiConsole.MarkupLine($"{dataset.Items.Count:N0} items, {dataset.EventsByUser.Count:N0} users, {dataset.EventsByUser.Values.Sum(v => v.Count):N0} events ({dataset.RefusedLines:N0} lines refused)");
            var evaluator = services.GetRequiredService<ServingEvaluator>();
            var report = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(context =>
                {
                    var task = context.AddTask("users", maxValue: 1);
                    return Task.Run(() => evaluator.Evaluate(dataset, users, new Progress<(int Done, int Total)>(p =>
                    {
                        task.MaxValue = p.Total;
                        task.Value = p.Done;
                        task.Description = $"users {p.Done:N0}/{p.Total:N0}";
                    })), cancellationToken);
                });
            Print(report, format.Name);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                scratch.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static void Print(EvaluationReport report, string dataset)
    {
        var table = new Table().AddColumns("metric (@10)", "pure relevance", "retention-aware");
        void Row(string name, Func<ListQuality, double> value, string format) =>
            table.AddRow(name, value(report.PureRelevance).ToString(format, CultureInfo.InvariantCulture), value(report.RetentionAware).ToString(format, CultureInfo.InvariantCulture));
        Row("NDCG", q => q.NdcgAt10, "F4");
        Row("Recall", q => q.RecallAt10, "F4");
        Row("catalogue coverage", q => q.CoverageAt10, "F4");
        Row("intra-list diversity (categories)", q => q.IntraListDiversity, "F4");
        Row("novelty (mean -log2 pop)", q => q.Novelty, "F3");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(
            $"model {Markup.Escape(report.ModelVersion)}, {dataset}: {report.Users:N0} held-out users ({report.SkippedUsers:N0} skipped: fewer than {LeaveOneOut.MinSequenceLength} items or target unknown to the model), " +
            $"catalogue {report.CatalogueSize:N0} items, {report.Elapsed.TotalSeconds:F1}s");
        AnsiConsole.MarkupLine("retention-aware segments: " + Markup.Escape(string.Join(", ", report.RetentionAwareSegments.Select(s => $"{s.Key} {s.Value:N0}"))));
    }
}
