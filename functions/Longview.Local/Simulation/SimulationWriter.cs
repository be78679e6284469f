using System.Diagnostics;
using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Serialization;
using Longview.Core.Simulation;

namespace Longview.Local.Simulation;

/// <summary>Sends a simulated population through the ingestion services, or writes it as files the API and <c>import</c> accept.</summary>
public sealed class SimulationWriter(EventIngestion events, ItemIngestion items, ILogger<SimulationWriter> logger)
{
    public const int DefaultBatchSize = 5_000;

    public async Task<SimulationSummary> IngestAsync(SimulatedPopulation population, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var itemReport = await items.UpsertAsync(population.Items, cancellationToken);
        long total = 0, accepted = 0, duplicates = 0, rejected = 0;
        var batch = new List<UserEvent>(DefaultBatchSize);
        foreach (var e in population.Events)
        {
            batch.Add(e);
            if (batch.Count == DefaultBatchSize)
            {
                await Flush();
            }
        }
        await Flush();
        var summary = new SimulationSummary(itemReport.Accepted, total, accepted, duplicates, rejected, clock.Elapsed);
        logger.LogInformation(
            "Simulated population ingested: {Items} items, {Events} events ({Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected) in {Seconds:F1}s",
            summary.Items, summary.Events, summary.Accepted, summary.Duplicates, summary.Rejected, summary.Elapsed.TotalSeconds);
        return summary;

        async Task Flush()
        {
            if (batch.Count == 0)
            {
                return;
            }
            var report = await events.IngestAsync(batch, cancellationToken);
            total += batch.Count;
            accepted += report.Accepted;
            duplicates += report.Duplicates;
            rejected += report.Rejected.Count;
            batch.Clear();
            progress?.Report(total);
        }
    }

    /// <summary>Writes events as NDJSON to <paramref name="eventsPath"/> and the items as a JSON array beside it (<c>*.items.json</c>).</summary>
    public async Task<SimulationSummary> WriteNdjsonAsync(SimulatedPopulation population, string eventsPath, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var itemsPath = ItemsPathFor(eventsPath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(eventsPath))!);
        await using (var itemsFile = File.Create(itemsPath))
        {
            await JsonSerializer.SerializeAsync(itemsFile, population.Items, LongviewJson.Options, cancellationToken);
        }
        long count = 0;
        await using (var eventsFile = File.Create(eventsPath))
        await using (var writer = new Utf8JsonWriter(eventsFile))
        {
            foreach (var e in population.Events)
            {
                JsonSerializer.Serialize(writer, e, LongviewJson.Options);
                await writer.FlushAsync(cancellationToken);
                writer.Reset();
                eventsFile.WriteByte((byte)'\n');
                count++;
            }
        }
        logger.LogInformation("Wrote {Events} simulated events to {EventsPath} and {Items} items to {ItemsPath}", count, eventsPath, population.Items.Count, itemsPath);
        return new SimulationSummary(population.Items.Count, count, 0, 0, 0, clock.Elapsed);
    }

    public static string ItemsPathFor(string eventsPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(eventsPath))!, Path.GetFileNameWithoutExtension(eventsPath) + ".items.json");
}
