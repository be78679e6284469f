using System.Text;
using Longview.Core.Ports;

namespace Longview.Infrastructure.Tests.Blob;

public sealed class AzureBlobStoreTests
{
    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(BlobContent? content) => Encoding.UTF8.GetString(content!.Content.Span);

    [AzuriteFact]
    public async Task Put_creates_the_container_on_demand_and_get_returns_content_with_the_same_etag()
    {
        var store = Azurite.Store();
        var container = Azurite.UniqueContainer();

        var etag = await store.PutAsync(container, "models/current.json", Bytes("{\"v\":1}"));

        var read = await store.GetAsync(container, "models/current.json");
        Assert.NotNull(etag);
        Assert.Equal("{\"v\":1}", Text(read));
        Assert.Equal(etag, read!.ETag);
    }

    [AzuriteFact]
    public async Task Missing_blob_or_container_reads_as_null_lists_empty_and_deletes_as_false()
    {
        var store = Azurite.Store();
        var container = Azurite.UniqueContainer();

        Assert.Null(await store.GetAsync(container, "absent"));
        Assert.Null(await store.OpenReadAsync(container, "absent"));
        Assert.False(await store.DeleteAsync(container, "absent"));
        Assert.Empty(await store.ListAsync(container, "").ToListAsync());

        await store.PutAsync(container, "present", Bytes("x"));
        Assert.Null(await store.GetAsync(container, "absent"));
        Assert.False(await store.DeleteAsync(container, "absent"));
    }

    [AzuriteFact]
    public async Task If_none_exists_writes_once_and_refuses_the_second_write_without_changing_the_blob()
    {
        var store = Azurite.Store();
        var container = Azurite.UniqueContainer();

        var first = await store.PutAsync(container, "a", Bytes("first"), BlobCondition.IfNoneExists);
        var second = await store.PutAsync(container, "a", Bytes("second"), BlobCondition.IfNoneExists);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal("first", Text(await store.GetAsync(container, "a")));
    }

    [AzuriteFact]
    public async Task If_match_writes_only_over_the_expected_etag()
    {
        var store = Azurite.Store();
        var container = Azurite.UniqueContainer();
        var v1 = await store.PutAsync(container, "current.json", Bytes("v1"));
        var v2 = await store.PutAsync(container, "current.json", Bytes("v2"), BlobCondition.IfMatch, v1);
        Assert.NotNull(v2);
        Assert.NotEqual(v1, v2);

        var stale = await store.PutAsync(container, "current.json", Bytes("v3"), BlobCondition.IfMatch, v1);

        Assert.Null(stale);
        var read = await store.GetAsync(container, "current.json");
        Assert.Equal("v2", Text(read));
        Assert.Equal(v2, read!.ETag);
    }

    [AzuriteFact]
    public async Task If_match_on_a_missing_blob_fails_the_condition()
    {
        var store = Azurite.Store();
        var container = Azurite.UniqueContainer();
        await store.PutAsync(container, "other", Bytes("x"));

        Assert.Null(await store.PutAsync(container, "absent", Bytes("v"), BlobCondition.IfMatch, "\"0x8D000000000000\""));
        Assert.Null(await store.GetAsync(container, "absent"));
    }

    [AzuriteFact]
    public async Task Of_two_racing_promotions_over_one_etag_exactly_one_wins()
    {
        var store = Azurite.Store();
        var container = Azurite.UniqueContainer();
        var v1 = await store.PutAsync(container, "current.json", Bytes("v1"));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            store.PutAsync(container, "current.json", Bytes($"candidate-{i}"), BlobCondition.IfMatch, v1)));

        var winner = Assert.Single(results, r => r is not null);
        Assert.Equal(winner, (await store.GetAsync(container, "current.json"))!.ETag);
    }

    [AzuriteFact]
    public async Task Streaming_upload_and_download_round_trip_a_large_blob()
    {
        var store = Azurite.Store();
        var container = Azurite.UniqueContainer();
        var data = new byte[12 * 1024 * 1024 + 17];
        new Random(42).NextBytes(data);

        var etag = await store.UploadAsync(container, "snapshots/2024-03-01.parquet", new MemoryStream(data));

        await using var read = await store.OpenReadAsync(container, "snapshots/2024-03-01.parquet");
        Assert.NotNull(read);
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());
        Assert.Equal(etag, (await store.GetAsync(container, "snapshots/2024-03-01.parquet"))!.ETag);
    }

    [AzuriteFact]
    public async Task A_stream_that_cannot_seek_uploads_intact_into_a_container_that_does_not_exist_yet()
    {
        var store = Azurite.Store();
        var container = Azurite.UniqueContainer();
        var data = new byte[3 * 1024 * 1024 + 5];
        new Random(7).NextBytes(data);

        await store.UploadAsync(container, "snapshot.bin", new ForwardOnlyStream(data));

        Assert.Equal(data, (await store.GetAsync(container, "snapshot.bin"))!.Content.ToArray());
    }

    [AzuriteFact]
    public async Task Get_refuses_a_blob_over_the_in_memory_limit_naming_it()
    {
        var store = Azurite.Store(maxInMemoryBytes: 1024);
        var container = Azurite.UniqueContainer();
        await store.PutAsync(container, "big.bin", new byte[4096]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetAsync(container, "big.bin"));

        Assert.Contains($"{container}/big.bin", error.Message);
        Assert.Contains("4096", error.Message);
    }

    [AzuriteFact]
    public async Task List_returns_only_names_under_the_prefix()
    {
        var store = Azurite.Store();
        var container = Azurite.UniqueContainer();
        foreach (var name in new[] { "2024-03-01/a.json", "2024-03-01/b.json", "2024-03-02/c.json", "other.json" })
        {
            await store.PutAsync(container, name, Bytes("{}"));
        }

        var listed = await store.ListAsync(container, "2024-03-01/").ToListAsync();

        Assert.Equal(["2024-03-01/a.json", "2024-03-01/b.json"], listed.Order());
    }

    [AzuriteFact]
    public async Task Delete_removes_the_blob()
    {
        var store = Azurite.Store();
        var container = Azurite.UniqueContainer();
        await store.PutAsync(container, "a", Bytes("x"));

        Assert.True(await store.DeleteAsync(container, "a"));

        Assert.Null(await store.GetAsync(container, "a"));
    }

    [Theory]
    [InlineData("../escape", "would leave the container")]
    [InlineData("a/./b", "would leave the container")]
    [InlineData("a//b", "empty path segment")]
    [InlineData("/abs", "must not start or end with '/'")]
    [InlineData("a\\b", "U+005C at position 1")]
    public async Task A_blob_name_that_is_not_a_safe_relative_path_is_refused_before_any_request_saying_why(string name, string expected)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Unreachable().PutAsync("container", name, Bytes("x")));

        Assert.Equal("name", error.ParamName);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("UPPER", "'U' at position 0")]
    [InlineData("ab", "3 to 63 characters")]
    [InlineData("a--b", "'-' at position 2")]
    [InlineData("has_underscore", "'_' at position 3")]
    public async Task An_invalid_container_name_is_refused_before_any_request_saying_why(string container, string expected)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Unreachable().PutAsync(container, "x", Bytes("x")));

        Assert.Equal("container", error.ParamName);
        Assert.Contains(expected, error.Message);
    }

    // No emulator needed: names are checked before a request is made, and nothing listens on port 9.
    private static Longview.Infrastructure.Blob.AzureBlobStore Unreachable() => new(
        new Azure.Storage.Blobs.BlobServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1")),
        Microsoft.Extensions.Options.Options.Create(new Longview.Infrastructure.Blob.AzureBlobStoreOptions { ServiceUri = new Uri("http://127.0.0.1:9") }),
        Microsoft.Extensions.Logging.Abstractions.NullLogger<Longview.Infrastructure.Blob.AzureBlobStore>.Instance);

    /// <summary>A stream that can only be read forward, like a network or generated snapshot stream.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
