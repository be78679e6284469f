using System.Collections.Concurrent;
using Longview.Core.Ports;

namespace Longview.Functions.Tests.Durable;

/// <summary>
/// The real blob store with scripted faults: reads of a name that fail a few times (a transient storage error), and
/// writes that happen and then fail (the activity's answer lost after its side effect).
/// </summary>
public sealed class FlakyBlobStore(IBlobStore inner) : IBlobStore
{
    private readonly ConcurrentDictionary<string, int> _failingGets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _lostPuts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _lostCommits = new(StringComparer.Ordinal);

    public int FailuresInjected;

    /// <summary>The next <paramref name="times"/> reads of a blob whose name ends with <paramref name="suffix"/> throw.</summary>
    public void FailReads(string suffix, int times) => _failingGets[suffix] = times;

    /// <summary>The next <paramref name="times"/> writes of a blob whose name ends with <paramref name="suffix"/> happen, then throw.</summary>
    public void LoseWriteAnswers(string suffix, int times) => _lostPuts[suffix] = times;

    public async Task<BlobContent?> GetAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        Fault(_failingGets, name, "read");
        return await inner.GetAsync(container, name, cancellationToken);
    }

    public async Task<string?> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobCondition condition = BlobCondition.None, string? etag = null, CancellationToken cancellationToken = default)
    {
        var written = await inner.PutAsync(container, name, content, condition, etag, cancellationToken);
        if (written is not null)
        {
            Fault(_lostPuts, name, "write answer");
        }
        return written;
    }

    public Task<string> UploadAsync(string container, string name, Stream content, CancellationToken cancellationToken = default) =>
        inner.UploadAsync(container, name, content, cancellationToken);

    /// <summary>A staged block is a write too: its answer can be lost after the block is staged.</summary>
    public async Task StageBlockAsync(string container, string name, string blockId, Stream content, CancellationToken cancellationToken = default)
    {
        await inner.StageBlockAsync(container, name, blockId, content, cancellationToken);
        Fault(_lostPuts, name, "block write answer");
    }

    /// <summary>A commit's answer can be lost after the commit: the retry commits the same list again.</summary>
    public async Task<string> CommitBlocksAsync(string container, string name, IReadOnlyList<string> blockIds, CancellationToken cancellationToken = default)
    {
        var etag = await inner.CommitBlocksAsync(container, name, blockIds, cancellationToken);
        Fault(_lostCommits, name, "commit answer");
        return etag;
    }

    /// <summary>The next <paramref name="times"/> block commits of a blob whose name ends with <paramref name="suffix"/> happen, then throw.</summary>
    public void LoseCommitAnswers(string suffix, int times) => _lostCommits[suffix] = times;

    public Task<Stream?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default) =>
        inner.OpenReadAsync(container, name, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string container, string prefix, CancellationToken cancellationToken = default) =>
        inner.ListAsync(container, prefix, cancellationToken);

    public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(container, name, cancellationToken);

    private void Fault(ConcurrentDictionary<string, int> faults, string name, string what)
    {
        foreach (var suffix in faults.Keys)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && faults.AddOrUpdate(suffix, -1, (_, left) => left - 1) >= 0)
            {
                Interlocked.Increment(ref FailuresInjected);
                throw new IOException($"injected transient {what} failure of {name}");
            }
        }
    }
}
