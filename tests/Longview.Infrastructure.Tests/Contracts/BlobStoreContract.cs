using System.Security.Cryptography;
using System.Text;
using Longview.Core.Ports;

namespace Longview.Infrastructure.Tests.Contracts;

/// <summary>
/// The behaviour every <see cref="IBlobStore"/> must have (folder, Azure Blob). xunit creates one instance per
/// test; containers carry this test's <see cref="RunId"/> so tests stay independent on shared storage.
/// </summary>
public abstract class BlobStoreContract : IAsyncLifetime
{
    protected string RunId { get; } = Guid.NewGuid().ToString("N")[..10];

    protected string Container => "c" + RunId;

    protected abstract Task<IBlobStore> CreateStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static string BlockId(int index) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"block-{index:D6}"));

    private async Task<List<string>> ListAllAsync(IBlobStore store, string prefix)
    {
        var names = new List<string>();
        await foreach (var name in store.ListAsync(Container, prefix))
        {
            names.Add(name);
        }
        return names;
    }

    [ContractFact]
    public async Task Put_blob_reads_back_with_the_etag_the_put_returned()
    {
        var store = await CreateStoreAsync();
        var content = Bytes("model manifest v1");

        var etag = await store.PutAsync(Container, "models/current.json", content);
        var read = await store.GetAsync(Container, "models/current.json");

        Assert.False(string.IsNullOrEmpty(etag));
        Assert.NotNull(read);
        Assert.Equal(content, read.Content.ToArray());
        Assert.Equal(etag, read.ETag);
    }

    [ContractFact]
    public async Task Missing_blobs_read_as_null_and_delete_as_false()
    {
        var store = await CreateStoreAsync();
        await store.PutAsync(Container, "present", Bytes("x"));

        Assert.Null(await store.GetAsync(Container, "absent"));
        Assert.Null(await store.OpenReadAsync(Container, "absent"));
        Assert.Null(await store.GetAsync(Container, "present/below"));
        Assert.Null(await store.GetAsync("n" + RunId, "present"));
        Assert.False(await store.DeleteAsync(Container, "absent"));
    }

    [ContractFact]
    public async Task An_unconditional_put_replaces_the_content_and_changes_the_etag()
    {
        var store = await CreateStoreAsync();
        var first = await store.PutAsync(Container, "blob", Bytes("one"));

        var second = await store.PutAsync(Container, "blob", Bytes("two"));

        Assert.NotEqual(first, second);
        var read = await store.GetAsync(Container, "blob");
        Assert.Equal("two", Text(read!.Content));
        Assert.Equal(second, read.ETag);
    }

    [ContractFact]
    public async Task IfNoneExists_writes_once_and_refuses_the_second_write()
    {
        var store = await CreateStoreAsync();

        var first = await store.PutAsync(Container, "once", Bytes("first"), BlobCondition.IfNoneExists);
        var second = await store.PutAsync(Container, "once", Bytes("second"), BlobCondition.IfNoneExists);

        Assert.NotNull(first);
        Assert.Null(second);
        var read = await store.GetAsync(Container, "once");
        Assert.Equal("first", Text(read!.Content));
        Assert.Equal(first, read.ETag);
    }

    [ContractFact]
    public async Task IfMatch_writes_with_the_current_etag_and_refuses_a_stale_one()
    {
        var store = await CreateStoreAsync();
        var original = await store.PutAsync(Container, "current.json", Bytes("v1"));

        var promoted = await store.PutAsync(Container, "current.json", Bytes("v2"), BlobCondition.IfMatch, original);
        var stale = await store.PutAsync(Container, "current.json", Bytes("v3"), BlobCondition.IfMatch, original);

        Assert.NotNull(promoted);
        Assert.NotEqual(original, promoted);
        Assert.Null(stale);
        var read = await store.GetAsync(Container, "current.json");
        Assert.Equal("v2", Text(read!.Content));
        Assert.Equal(promoted, read.ETag);
    }

    [ContractFact]
    public async Task IfMatch_on_a_missing_blob_is_refused_and_creates_nothing()
    {
        var store = await CreateStoreAsync();
        var other = await store.PutAsync(Container, "other", Bytes("x"));

        var result = await store.PutAsync(Container, "missing", Bytes("y"), BlobCondition.IfMatch, other);

        Assert.Null(result);
        Assert.Null(await store.GetAsync(Container, "missing"));
    }

    [ContractFact]
    public async Task Concurrent_IfMatch_writers_with_the_same_etag_have_exactly_one_winner()
    {
        var store = await CreateStoreAsync();
        var etag = await store.PutAsync(Container, "race", Bytes("start"));

        for (var round = 0; round < 5; round++)
        {
            var attempts = await Task.WhenAll(Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
            {
                var content = $"round {round} writer {w}";
                return (Content: content, ETag: await store.PutAsync(Container, "race", Bytes(content), BlobCondition.IfMatch, etag));
            })));

            var winner = Assert.Single(attempts, a => a.ETag is not null);
            var read = await store.GetAsync(Container, "race");
            Assert.Equal(winner.Content, Text(read!.Content));
            Assert.Equal(winner.ETag, read.ETag);
            etag = winner.ETag;
        }
    }

    [ContractFact]
    public async Task Concurrent_IfNoneExists_creators_have_exactly_one_winner()
    {
        var store = await CreateStoreAsync();

        for (var lease = 0; lease < 8; lease++)
        {
            var name = $"leases/{lease}";
            var attempts = await Task.WhenAll(Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
                (Content: $"creator {w}", ETag: await store.PutAsync(Container, name, Bytes($"creator {w}"), BlobCondition.IfNoneExists)))));

            var winner = Assert.Single(attempts, a => a.ETag is not null);
            Assert.Equal(winner.Content, Text((await store.GetAsync(Container, name))!.Content));
        }
    }

    [ContractFact]
    public async Task A_large_upload_streams_in_and_reads_back_identical()
    {
        var store = await CreateStoreAsync();
        const long size = 24L * 1024 * 1024 + 12_345;
        using var source = new GeneratedStream(size, seed: 7);

        var etag = await store.UploadAsync(Container, "snapshots/2025-01-01/profiles.ndjson", source);

        Assert.Equal(size, source.Position);
        var stream = await store.OpenReadAsync(Container, "snapshots/2025-01-01/profiles.ndjson");
        Assert.NotNull(stream);
        await using (stream)
        {
            using var expected = new GeneratedStream(size, seed: 7);
            Assert.Equal(await SHA256.HashDataAsync(expected), await SHA256.HashDataAsync(stream));
        }
        Assert.Equal(etag, (await store.GetAsync(Container, "snapshots/2025-01-01/profiles.ndjson"))!.ETag);
    }

    [ContractFact]
    public async Task Staged_blocks_stay_invisible_until_the_commit_joins_them_in_the_listed_order()
    {
        var store = await CreateStoreAsync();
        var ids = new[] { BlockId(0), BlockId(1), BlockId(2) };
        await store.StageBlockAsync(Container, "run/snapshot.gz", ids[2], new MemoryStream(Bytes("three")));
        await store.StageBlockAsync(Container, "run/snapshot.gz", ids[0], new MemoryStream(Bytes("one-")));
        await store.StageBlockAsync(Container, "run/snapshot.gz", ids[1], new MemoryStream(Bytes("two-")));

        Assert.Null(await store.GetAsync(Container, "run/snapshot.gz"));
        Assert.Empty(await ListAllAsync(store, "run/"));

        var etag = await store.CommitBlocksAsync(Container, "run/snapshot.gz", ids);

        var read = await store.GetAsync(Container, "run/snapshot.gz");
        Assert.Equal("one-two-three", Text(read!.Content));
        Assert.Equal(etag, read.ETag);
        Assert.Equal(["run/snapshot.gz"], await ListAllAsync(store, "run/"));
    }

    [ContractFact]
    public async Task A_restaged_block_replaces_the_first_and_a_repeated_commit_keeps_the_blob()
    {
        var store = await CreateStoreAsync();
        var ids = new[] { BlockId(0), BlockId(1) };
        await store.StageBlockAsync(Container, "snap", ids[0], new MemoryStream(Bytes("a")));
        await store.StageBlockAsync(Container, "snap", ids[1], new MemoryStream(Bytes("stale")));
        await store.StageBlockAsync(Container, "snap", ids[1], new MemoryStream(Bytes("b")));

        await store.CommitBlocksAsync(Container, "snap", ids);
        await store.CommitBlocksAsync(Container, "snap", ids);

        Assert.Equal("ab", Text((await store.GetAsync(Container, "snap"))!.Content));
    }

    [ContractFact]
    public async Task Committing_a_block_never_staged_fails_and_leaves_the_old_blob()
    {
        var store = await CreateStoreAsync();
        await store.PutAsync(Container, "snap", Bytes("old"));
        await store.StageBlockAsync(Container, "snap", BlockId(0), new MemoryStream(Bytes("new")));

        await Assert.ThrowsAnyAsync<Exception>(() => store.CommitBlocksAsync(Container, "snap", [BlockId(0), BlockId(1)]));

        Assert.Equal("old", Text((await store.GetAsync(Container, "snap"))!.Content));
    }

    [ContractFact]
    public async Task List_returns_the_names_under_a_prefix_in_ordinal_order()
    {
        var store = await CreateStoreAsync();
        string[] names = ["a/2", "a/1", "a/b/3", "a-x", "ab", "b/1", "deadletter/2025-01-02/batch-9.json"];
        foreach (var name in names)
        {
            await store.PutAsync(Container, name, Bytes(name));
        }
        await store.PutAsync("o" + RunId, "a/other-container", Bytes("x"));

        Assert.Equal(names.Order(StringComparer.Ordinal), await List(store, ""));
        Assert.Equal(["a/1", "a/2", "a/b/3"], await List(store, "a/"));
        Assert.Equal(["a-x", "a/1", "a/2", "a/b/3", "ab"], await List(store, "a"));
        Assert.Equal(["a/b/3"], await List(store, "a/b"));
        Assert.Equal(["deadletter/2025-01-02/batch-9.json"], await List(store, "deadletter/2025-01"));
        Assert.Empty(await List(store, "zzz"));
        Assert.Empty(await store.ListAsync("e" + RunId, "").ToListAsync());
    }

    [ContractFact]
    public async Task Deleted_blobs_are_gone_from_reads_and_listings()
    {
        var store = await CreateStoreAsync();
        await store.PutAsync(Container, "keep", Bytes("k"));
        await store.PutAsync(Container, "dir/drop", Bytes("d"));

        Assert.True(await store.DeleteAsync(Container, "dir/drop"));

        Assert.False(await store.DeleteAsync(Container, "dir/drop"));
        Assert.Null(await store.GetAsync(Container, "dir/drop"));
        Assert.Equal(["keep"], await List(store, ""));
        Assert.NotNull(await store.PutAsync(Container, "dir/drop", Bytes("again"), BlobCondition.IfNoneExists));
    }

    [ContractTheory]
    [InlineData("../escape")]
    [InlineData("a/../../escape")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/./b")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\..\\b")]
    [InlineData("a//b")]
    [InlineData("trailing/")]
    [InlineData("")]
    [InlineData("nul\0byte")]
    public async Task Names_that_could_leave_the_container_are_refused(string name)
    {
        var store = await CreateStoreAsync();

        var put = await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(Container, name, Bytes("x")));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync(Container, name));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync(Container, name));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync(Container, name));
        await Assert.ThrowsAsync<ArgumentException>(() => store.UploadAsync(Container, name, new MemoryStream(Bytes("x"))));
        Assert.Equal("name", put.ParamName);
    }

    [ContractTheory]
    [InlineData("..")]
    [InlineData("../blobs")]
    [InlineData("UpperCase")]
    [InlineData("under_score")]
    [InlineData("ab")]
    [InlineData("-lead")]
    [InlineData("trail-")]
    [InlineData("double--hyphen")]
    [InlineData("")]
    public async Task Invalid_container_names_are_refused(string container)
    {
        var store = await CreateStoreAsync();

        var put = await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(container, "blob", Bytes("x")));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync(container, "blob"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.ListAsync(container, "").ToListAsync());
        Assert.Equal("container", put.ParamName);
    }

    [ContractTheory]
    [InlineData("../")]
    [InlineData("a/../")]
    [InlineData("/abs")]
    [InlineData("back\\slash")]
    public async Task Listing_prefixes_that_could_leave_the_container_are_refused(string prefix)
    {
        var store = await CreateStoreAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await store.ListAsync(Container, prefix).ToListAsync());
        Assert.Equal("prefix", error.ParamName);
    }

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(ReadOnlyMemory<byte> content) => Encoding.UTF8.GetString(content.Span);

    private async Task<List<string>> List(IBlobStore store, string prefix) => await store.ListAsync(Container, prefix).ToListAsync();

    /// <summary>Deterministic pseudo-random bytes of a given length, read-only and not seekable (like a network body).</summary>
    private sealed class GeneratedStream(long length, int seed) : Stream
    {
        private readonly Random _random = new(seed);
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            _random.NextBytes(buffer.AsSpan(offset, n));
            _position += n;
            return n;
        }

        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
