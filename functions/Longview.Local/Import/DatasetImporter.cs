using System.Diagnostics;
using System.Text;
using Longview.Core.Events;
using Longview.Core.Import;
using Longview.Core.Ingestion;
using Longview.Core.Items;
using Microsoft.Extensions.Options;

namespace Longview.Local.Import;

/// <summary>
/// Reads dataset files and feeds them, in batches, to the same ingestion services the HTTP routes use: items first, then
/// events. Parsing is Core's (<see cref="IDatasetFormat"/>); NDJSON goes through the HTTP body reader unchanged.
/// </summary>
public sealed class DatasetImporter(EventIngestion events, ItemIngestion items, IOptions<ItemLimits> itemLimits, ILogger<DatasetImporter> logger)
{
    public static IReadOnlyCollection<string> FormatNames => [.. DatasetFormats.Default.Names, ImportOptions.NdjsonFormat];

    public async Task<ImportSummary> ImportAsync(ImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        if (options.BatchSize is < 1 or > ImportOptions.MaxBatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, $"batch size must be between 1 and {ImportOptions.MaxBatchSize}");
        }
        var tally = new Tally(options.MaxReportedErrors);
        var clock = Stopwatch.StartNew();
        if (string.Equals(options.Format, ImportOptions.NdjsonFormat, StringComparison.OrdinalIgnoreCase))
        {
            await ImportNdjsonAsync(RequireFile(options.Path), options.BatchSize, tally, progress, cancellationToken);
        }
        else
        {
            var format = DatasetFormats.Default.Find(options.Format)
                ?? throw new ArgumentException($"unknown format '{options.Format}'; known: {string.Join(", ", FormatNames)}", nameof(options));
            var folder = Directory.Exists(options.Path) ? options.Path : Path.GetDirectoryName(Path.GetFullPath(options.Path))!;
            if (format.ItemsFile is { } itemsFile)
            {
                var tags = format is ITaggedDatasetFormat tagged ? await ItemTagImport.ReadAsync(tagged, folder, format.Encoding, cancellationToken) : null;
                await ImportItemsAsync(format, RequireFile(Path.Combine(folder, itemsFile)), tags, options.BatchSize, tally, progress, cancellationToken);
            }
            await ImportEventsAsync(format, RequireFile(Path.Combine(folder, format.EventsFile)), options.BatchSize, tally, progress, cancellationToken);
        }
        var summary = tally.Summary(clock.Elapsed);
        logger.LogInformation(
            "Imported {Format}: {Items} items ({ItemsRejected} refused), {Events} events: {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected in {Seconds:F1}s",
            options.Format, summary.Items, summary.ItemsRejected, summary.Events, summary.Accepted, summary.Duplicates, summary.Rejected, summary.Elapsed.TotalSeconds);
        return summary;
    }

    private static string RequireFile(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"dataset file not found: {path}", path);

    private async Task ImportItemsAsync(IDatasetFormat format, string path, ItemTagTally? tags, int batchSize, Tally tally, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var batch = new List<CatalogItem>(batchSize);
        var lineNumbers = new List<long>(batchSize);
        await foreach (var (line, number, reader) in Lines(path, format.Encoding, format.HeaderLines, ct))
        {
            var parsed = format.ParseItem(line);
            if (parsed.Error is { } error)
            {
                tally.LineError(path, number, error, isItem: true);
            }
            else if (parsed.Value is { } item)
            {
                batch.Add(tags?.TagsOf(item.ItemId, itemLimits.Value) is { } itemTags ? item with { Tags = itemTags } : item);
                lineNumbers.Add(number);
            }
            if (batch.Count == batchSize)
            {
                tally.AddItems(await items.UpsertAsync(batch, ct), path, lineNumbers);
                batch.Clear();
                lineNumbers.Clear();
                progress?.Report(tally.Progress("items", number, reader));
            }
        }
        if (batch.Count > 0)
        {
            tally.AddItems(await items.UpsertAsync(batch, ct), path, lineNumbers);
        }
    }

    private async Task ImportEventsAsync(IDatasetFormat format, string path, int batchSize, Tally tally, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var batch = new List<UserEvent>(batchSize);
        var lineNumbers = new List<long>(batchSize);
        await foreach (var (line, number, reader) in Lines(path, format.Encoding, format.HeaderLines, ct))
        {
            var parsed = format.ParseEvent(line, number);
            if (parsed.Error is { } error)
            {
                tally.LineError(path, number, error, isItem: false);
            }
            else if (parsed.Value is { } e)
            {
                batch.Add(e);
                lineNumbers.Add(number);
            }
            if (batch.Count == batchSize)
            {
                tally.AddEvents(await events.IngestAsync(batch, ct), path, lineNumbers);
                batch.Clear();
                lineNumbers.Clear();
                progress?.Report(tally.Progress("events", number, reader));
            }
        }
        if (batch.Count > 0)
        {
            tally.AddEvents(await events.IngestAsync(batch, ct), path, lineNumbers);
        }
    }

    private async Task ImportNdjsonAsync(string path, int batchSize, Tally tally, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var body = new MemoryStream();
        var lineNumbers = new List<long>(batchSize);
        await foreach (var (line, number, reader) in Lines(path, Encoding.UTF8, 0, ct))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            body.Write(Encoding.UTF8.GetBytes(line));
            body.WriteByte((byte)'\n');
            lineNumbers.Add(number);
            if (lineNumbers.Count == batchSize)
            {
                await SendNdjsonAsync(body, path, lineNumbers, tally, ct);
                progress?.Report(tally.Progress("events", number, reader));
            }
        }
        if (lineNumbers.Count > 0)
        {
            await SendNdjsonAsync(body, path, lineNumbers, tally, ct);
        }
    }

    private async Task SendNdjsonAsync(MemoryStream body, string path, List<long> lineNumbers, Tally tally, CancellationToken ct)
    {
        var outcome = await events.IngestAsync(body.GetBuffer().AsMemory(0, (int)body.Length), ct);
        if (outcome.Failure is { } failure)
        {
            throw new InvalidDataException($"{path}: lines {lineNumbers[0]}-{lineNumbers[^1]} refused as a whole: {failure.Title}: {failure.Detail}");
        }
        tally.AddEvents(outcome.Report!, path, lineNumbers);
        body.SetLength(0);
        lineNumbers.Clear();
    }

    private static async IAsyncEnumerable<(string Line, long Number, StreamReader Reader)> Lines(
        string path, Encoding encoding, int headerLines, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        long number = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            number++;
            if (number > headerLines)
            {
                yield return (line, number, reader);
            }
        }
    }

    /// <summary>Running counts of one import.</summary>
    private sealed class Tally(int maxErrors)
    {
        private readonly List<string> _errors = [];
        private long _items, _itemsRejected, _events, _accepted, _duplicates, _rejected;

        public void LineError(string path, long line, string error, bool isItem)
        {
            if (isItem) { _itemsRejected++; } else { _events++; _rejected++; }
            Note($"{Path.GetFileName(path)}:{line}: {error}");
        }

        public void AddItems(ItemReport report, string path, List<long> lineNumbers)
        {
            _items += report.Accepted;
            _itemsRejected += report.Rejected.Count;
            foreach (var r in report.Rejected)
            {
                Note($"{Path.GetFileName(path)}:{LineOf(r.Index, lineNumbers)}: {r.Field}: {r.Reason}");
            }
        }

        public void AddEvents(IngestReport report, string path, List<long> lineNumbers)
        {
            _events += lineNumbers.Count;
            _accepted += report.Accepted;
            _duplicates += report.Duplicates;
            _rejected += report.Rejected.Count;
            foreach (var r in report.Rejected)
            {
                Note($"{Path.GetFileName(path)}:{LineOf(r.Index, lineNumbers)}: {r.Field}: {r.Reason}");
            }
        }

        public ImportProgress Progress(string stage, long lines, StreamReader reader) =>
            new(stage, lines, reader.BaseStream.Length, reader.BaseStream.Position, _accepted, _duplicates, _rejected);

        public ImportSummary Summary(TimeSpan elapsed) =>
            new(_items, _itemsRejected, _events, _accepted, _duplicates, _rejected, elapsed, _errors);

        private static long LineOf(int index, List<long> lineNumbers) =>
            index >= 0 && index < lineNumbers.Count ? lineNumbers[index] : -1;

        private void Note(string error)
        {
            if (_errors.Count < maxErrors)
            {
                _errors.Add(error);
            }
        }
    }
}
