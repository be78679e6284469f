using System.Text;
using System.Text.Json;
using Longview.Core.Ports;
using Longview.Core.Serialization;

namespace Longview.Core.Lifecycle.Members;

/// <summary>
/// Writes one day's member lists with memory bounded by <c>runRows</c> whatever the user count: members are buffered,
/// sorted by <see cref="SegmentMember.Ranking"/> and spilled as sorted runs (JSON lines); completion merges the runs
/// (k-way, streaming) and deals each member to the pages of its segments, and the at-risk stage also to one CSV and one
/// JSON download, staged block by block. Runs are deleted after the merge. Re-running a day overwrites its pages.
/// </summary>
public sealed class MemberListWriter
{
    private readonly IBlobStore _blobs;
    private readonly DateOnly _asOf;
    private readonly int _pageRows;
    private readonly int _runRows;
    private readonly List<(SegmentMember Member, string[] Segments)> _buffer = [];
    private int _runs;

    public MemberListWriter(IBlobStore blobs, DateOnly asOf, int pageRows, int runRows)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(runRows, pageRows);
        _blobs = blobs;
        _asOf = asOf;
        _pageRows = pageRows;
        _runRows = runRows;
    }

    public async Task AddAsync(SegmentMember member, IEnumerable<string> segments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(segments);
        _buffer.Add((member, [.. segments]));
        if (_buffer.Count >= _runRows)
        {
            await SpillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Merges the runs into the pages and downloads; returns rows and pages per segment.</summary>
    public async Task<IReadOnlyDictionary<string, SegmentListInfo>> CompleteAsync(CancellationToken cancellationToken = default)
    {
        var pages = new Dictionary<string, PageBuffer>(StringComparer.Ordinal);
        var download = new AtRiskDownload(_blobs, _asOf);
        await foreach (var (member, segments) in MergedAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var segment in segments)
            {
                if (!pages.TryGetValue(segment, out var page))
                {
                    pages[segment] = page = new PageBuffer(segment);
                }
                page.Add(member);
                if (page.Count == _pageRows)
                {
                    await FlushAsync(page, cancellationToken).ConfigureAwait(false);
                }
                if (segment == LifecycleBlobs.AtRiskSegment)
                {
                    await download.AddAsync(member, _pageRows, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        foreach (var page in pages.Values.Where(p => p.Count > 0))
        {
            await FlushAsync(page, cancellationToken).ConfigureAwait(false);
        }
        await download.CompleteAsync(cancellationToken).ConfigureAwait(false);
        for (var run = 0; run < _runs; run++)
        {
            await _blobs.DeleteAsync(LifecycleBlobs.Container, LifecycleBlobs.Run(_asOf, run), cancellationToken).ConfigureAwait(false);
        }
        return pages.ToDictionary(p => p.Key, p => new SegmentListInfo(p.Value.Rows, p.Value.Pages), StringComparer.Ordinal);
    }

    /// <summary>One JSON line of a list page or run: the member, and in runs the segments it belongs to.</summary>
    public static string Line(SegmentMember member) => JsonSerializer.Serialize(member, LongviewJson.Options);

    public static SegmentMember ReadLine(string line) =>
        JsonSerializer.Deserialize<SegmentMember>(line, LongviewJson.Options) ?? throw new JsonException("a member line is null");

    private sealed record RunLine(SegmentMember Member, string[] Segments);

    private async Task SpillAsync(CancellationToken cancellationToken)
    {
        _buffer.Sort((a, b) => SegmentMember.Ranking.Compare(a.Member, b.Member));
        using var content = new MemoryStream();
        await using (var writer = new StreamWriter(content, new UTF8Encoding(false), leaveOpen: true))
        {
            foreach (var (member, segments) in _buffer)
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(new RunLine(member, segments), LongviewJson.Options)).ConfigureAwait(false);
            }
        }
        content.Position = 0;
        await _blobs.UploadAsync(LifecycleBlobs.Container, LifecycleBlobs.Run(_asOf, _runs++), content, cancellationToken).ConfigureAwait(false);
        _buffer.Clear();
    }

    private async IAsyncEnumerable<(SegmentMember Member, string[] Segments)> MergedAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_runs == 0)
        {
            // Everything fitted in one buffer: no run was written, sort in place.
            _buffer.Sort((a, b) => SegmentMember.Ranking.Compare(a.Member, b.Member));
            foreach (var entry in _buffer)
            {
                yield return entry;
            }
            _buffer.Clear();
            yield break;
        }
        if (_buffer.Count > 0)
        {
            await SpillAsync(cancellationToken).ConfigureAwait(false);
        }
        var readers = new List<StreamReader>();
        try
        {
            var heads = new PriorityQueue<(RunLine Line, int Run), SegmentMember>(SegmentMember.Ranking);
            for (var run = 0; run < _runs; run++)
            {
                var stream = await _blobs.OpenReadAsync(LifecycleBlobs.Container, LifecycleBlobs.Run(_asOf, run), cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"lifecycle run {run} of {LifecycleBlobs.Day(_asOf)} vanished before the merge");
                readers.Add(new StreamReader(stream, Encoding.UTF8));
                await EnqueueNextAsync(heads, readers, run, cancellationToken).ConfigureAwait(false);
            }
            while (heads.TryDequeue(out var head, out _))
            {
                yield return (head.Line.Member, head.Line.Segments);
                await EnqueueNextAsync(heads, readers, head.Run, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    private static async Task EnqueueNextAsync(PriorityQueue<(RunLine Line, int Run), SegmentMember> heads, List<StreamReader> readers, int run, CancellationToken cancellationToken)
    {
        if (await readers[run].ReadLineAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 } text)
        {
            var line = JsonSerializer.Deserialize<RunLine>(text, LongviewJson.Options) ?? throw new JsonException("a run line is null");
            heads.Enqueue((line, run), line.Member);
        }
    }

    private async Task FlushAsync(PageBuffer page, CancellationToken cancellationToken)
    {
        await _blobs.PutAsync(LifecycleBlobs.Container, LifecycleBlobs.Page(_asOf, page.Segment, page.Pages), Encoding.UTF8.GetBytes(page.Text.ToString()), cancellationToken: cancellationToken).ConfigureAwait(false);
        page.Flushed();
    }

    private sealed class PageBuffer(string segment)
    {
        public string Segment { get; } = segment;

        public StringBuilder Text { get; } = new();

        public int Count { get; private set; }

        public long Rows { get; private set; }

        public int Pages { get; private set; }

        public void Add(SegmentMember member)
        {
            Text.Append(Line(member)).Append('\n');
            Count++;
            Rows++;
        }

        public void Flushed()
        {
            Text.Clear();
            Count = 0;
            Pages++;
        }
    }
}
