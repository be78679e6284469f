using System.Globalization;
using System.Text;
using Longview.Core.Ports;

namespace Longview.Core.Lifecycle.Members;

/// <summary>
/// The at-risk list as two downloads of one day, <c>at-risk.csv</c> and <c>at-risk.json</c> (a JSON array), built from
/// staged blocks of a page each, so neither is ever held whole in memory and neither is visible before it is complete.
/// </summary>
internal sealed class AtRiskDownload(IBlobStore blobs, DateOnly asOf)
{
    private readonly StringBuilder _csv = new(MemberCsv.Header + "\n");
    private readonly StringBuilder _json = new("[");
    private readonly List<string> _blocks = [];
    private int _pending;
    private long _rows;

    public async Task AddAsync(SegmentMember member, int blockRows, CancellationToken cancellationToken)
    {
        using (var writer = new StringWriter(_csv, CultureInfo.InvariantCulture))
        {
            MemberCsv.Write(writer, member);
        }
        _json.Append(_rows == 0 ? "\n" : ",\n").Append(MemberListWriter.Line(member));
        _rows++;
        if (++_pending == blockRows)
        {
            await StageAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        _json.Append("\n]\n");
        await StageAsync(cancellationToken).ConfigureAwait(false);
        await blobs.CommitBlocksAsync(LifecycleBlobs.Container, LifecycleBlobs.AtRiskDownload(asOf, "csv"), _blocks, cancellationToken).ConfigureAwait(false);
        await blobs.CommitBlocksAsync(LifecycleBlobs.Container, LifecycleBlobs.AtRiskDownload(asOf, "json"), _blocks, cancellationToken).ConfigureAwait(false);
    }

    private async Task StageAsync(CancellationToken cancellationToken)
    {
        var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(_blocks.Count.ToString("D8", CultureInfo.InvariantCulture)));
        await Stage("csv", id, _csv, cancellationToken).ConfigureAwait(false);
        await Stage("json", id, _json, cancellationToken).ConfigureAwait(false);
        _blocks.Add(id);
        _pending = 0;
    }

    private async Task Stage(string extension, string id, StringBuilder text, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        await blobs.StageBlockAsync(LifecycleBlobs.Container, LifecycleBlobs.AtRiskDownload(asOf, extension), id, content, cancellationToken).ConfigureAwait(false);
        text.Clear();
    }
}
