using System.CommandLine;
using System.Diagnostics;
using Longview.Local.Import;
using Spectre.Console;

namespace Longview.Local.Cli;

internal static class ImportCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Dataset folder (ml-1m, movielens-csv, lastfm, cdnow) or NDJSON file (ndjson)." };
        var format = new Option<string>("--format")
        {
            Description = "ml-1m (ratings.dat + movies.dat), movielens-csv (ratings.csv + movies.csv + tags.csv), lastfm (artists.dat + user_taggedartists.dat + tags.dat), cdnow or ndjson (events).",
            Required = true,
        };
        format.AcceptOnlyFromAmong([.. DatasetImporter.FormatNames]);
        var batch = new Option<int>("--batch-size")
        {
            Description = "Events per ingestion call.",
            DefaultValueFactory = _ => 5_000,
        };
        var data = CommonOptions.Data();
        var command = new Command("import", "Import a dataset through the same ingestion service as POST /api/events (items first).") { path, format, batch, data };
        command.SetAction(async (parse, ct) =>
        {
            var options = new ImportOptions(CommonOptions.ExistingPath(parse.GetValue(path)!, "path"), parse.GetValue(format)!) { BatchSize = parse.GetValue(batch) };
            await using var services = CliServices.Create(Path.GetFullPath(parse.GetValue(data)!));
            var importer = services.GetRequiredService<DatasetImporter>();
            var summary = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("reading", maxValue: 1.0);
                    var result = await importer.ImportAsync(options, new SpectreProgress(task), ct);
                    task.Value = task.MaxValue;
                    return result;
                });
            Print(summary);
            return 0;
        });
        return command;
    }

    private static void Print(ImportSummary summary)
    {
        AnsiConsole.MarkupLine(
            $"[green]Imported[/] {summary.Items:N0} items ({summary.ItemsRejected:N0} refused), {summary.Events:N0} events: " +
            $"{summary.Accepted:N0} accepted, {summary.Duplicates:N0} duplicates, {summary.Rejected:N0} rejected " +
            $"in {summary.Elapsed.TotalSeconds:F1}s ({summary.EventsPerSecond:N0} events/s)");
        foreach (var error in summary.Errors)
        {
            AnsiConsole.MarkupLine($"[yellow]refused[/] {Markup.Escape(error)}");
        }
    }

    /// <summary>Shows the share of the current file read and the rate in events per second.</summary>
    private sealed class SpectreProgress(ProgressTask task) : IProgress<ImportProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public void Report(ImportProgress value)
        {
            var rate = value.Accepted + value.Duplicates + value.Rejected;
            task.Description = value.Stage == "items"
                ? $"items: {value.Lines:N0} lines"
                : $"events: {value.Lines:N0} lines, {rate / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3):N0} events/s";
            task.Value = value.TotalBytes > 0 ? (double)value.BytesRead / value.TotalBytes : 0;
        }
    }
}
