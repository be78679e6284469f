using System.CommandLine;
using Longview.Core.Ports;
using Longview.Core.Semantics;
using Longview.Infrastructure.Semantics;
using Longview.Infrastructure.Training;
using Longview.Local.Hosting;
using Spectre.Console;

namespace Longview.Local.Cli;

/// <summary>
/// <c>longview embed</c>: encodes every catalogue item without a current embedding (after an import, or a new encoder),
/// with a progress bar; <c>--export</c> also writes the training job's side file.
/// </summary>
internal static class EmbedCommand
{
    public static Command Create()
    {
        var export = new Option<string?>("--export")
        {
            Description = $"Also write the items' embeddings for the training job ({ItemEmbeddingsFileWriter.FileName}, its --item-embeddings).",
        };
        var data = CommonOptions.Data();
        var command = new Command("embed", "Encode the text of every catalogue item that has no current embedding (backfill).") { export, data };
        command.SetAction(async (parse, ct) =>
        {
            var collection = new ServiceCollection()
                .AddLogging(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning))
                .AddLongviewLocal(Path.GetFullPath(parse.GetValue(data)!));
            if (!collection.TryAddTextEncoder())
            {
                AnsiConsole.MarkupLine("[red]This build has no text encoder[/] (the GPU flavour ships none).");
                return 1;
            }
            await using var services = collection.BuildServiceProvider();
            var embedder = services.GetRequiredService<ItemEmbedder>();
            var total = await services.GetRequiredService<IItemCatalog>().CountAsync(ct);
            var started = TimeProvider.System.GetTimestamp();
            var report = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"{embedder.Encoder}: {total:N0} items", maxValue: Math.Max(total, 1));
                    var result = await embedder.EmbedCatalogueAsync(new Progress(task), ct);
                    task.Value = task.MaxValue;
                    return result;
                });
            var seconds = TimeProvider.System.GetElapsedTime(started).TotalSeconds;
            AnsiConsole.MarkupLine($"[green]Embedded[/] {report.Encoded:N0} items ({report.Current:N0} already current) with {embedder.Encoder} " +
                $"in {seconds:F1}s ({report.Encoded / Math.Max(seconds, 1e-3):F1} items/s)");
            if (parse.GetValue(export) is { } file)
            {
                var path = Path.GetFullPath(file);
                var writer = ActivatorUtilities.CreateInstance<ItemEmbeddingsFileWriter>(services);
                var temporary = path + ".partial";
                (long Written, long Missing) written;
                await using (var stream = File.Create(temporary))
                {
                    written = await writer.WriteToAsync(stream, embedder.Encoder, ct);
                }
                File.Move(temporary, path, overwrite: true);
                AnsiConsole.MarkupLine($"[green]Exported[/] {written.Written:N0} embeddings ({written.Missing:N0} items without one) -> {Markup.Escape(path)}");
            }
            return 0;
        });
        return command;
    }

    /// <summary>Synchronous: Spectre's task is thread-safe, and System.Progress would post to the thread pool out of order.</summary>
    private sealed class Progress(ProgressTask task) : IProgress<int>
    {
        public void Report(int value) => task.Increment(value);
    }
}
