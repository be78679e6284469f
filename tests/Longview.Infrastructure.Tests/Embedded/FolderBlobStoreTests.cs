using System.Text;
using Longview.Core.Ports;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Folder;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Embedded;

/// <summary>What the folder blob store adds to the shared contract: files stay inside the root, limits, name clashes.</summary>
public sealed class FolderBlobStoreTests : IDisposable
{
    private readonly TestFolder _folder = new();

    [Fact]
    public async Task Refused_traversal_names_leave_no_file_anywhere()
    {
        using var store = Open(Path.Combine(_folder.Path, "data"));
        foreach (var name in new[] { "../escape", "a/../../escape", "../../escape" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync("models", name, Bytes("x")));
        }
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync("..", "escape", Bytes("x")));

        Assert.Empty(Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Blobs_are_plain_files_under_their_container_folder_and_no_temp_file_remains()
    {
        var data = Path.Combine(_folder.Path, "data");
        using var store = Open(data);

        await store.PutAsync("models", "v1/model.onnx", Bytes("weights"));
        await store.UploadAsync("snapshots", "s.ndjson", new MemoryStream(Bytes("rows")));

        Assert.Equal("weights", File.ReadAllText(Path.Combine(data, "blobs", "models", "v1", "model.onnx")));
        Assert.Equal("rows", File.ReadAllText(Path.Combine(data, "blobs", "snapshots", "s.ndjson")));
        Assert.Empty(Directory.GetFiles(Path.Combine(data, "blobs", ".tmp")));
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_and_keeps_the_previous_blob()
    {
        using var store = Open(_folder.Path, o => o.MaxBlobBytes = 1_000);
        var before = await store.PutAsync("snapshots", "s", Bytes("old"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.UploadAsync("snapshots", "s", new MemoryStream(new byte[1_001])));

        Assert.Contains("snapshots/s", error.Message);
        var current = await store.GetAsync("snapshots", "s");
        Assert.Equal("old", Encoding.UTF8.GetString(current!.Content.Span));
        Assert.Equal(before, current.ETag);
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder.Path, "blobs", ".tmp")));
    }

    [Fact]
    public async Task In_memory_puts_and_gets_are_bounded()
    {
        using var store = Open(_folder.Path, o => o.MaxInMemoryBlobBytes = 100);
        await store.UploadAsync("big", "streamed", new MemoryStream(new byte[101]));

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync("big", "direct", new byte[101]));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetAsync("big", "streamed"));
        await using var stream = await store.OpenReadAsync("big", "streamed");
        Assert.Equal(101, stream!.Length);
    }

    [Fact]
    public async Task A_blob_and_blobs_below_the_same_name_clash_with_a_clear_error()
    {
        using var store = Open(_folder.Path);
        await store.PutAsync("box", "a/b", Bytes("below"));
        await store.PutAsync("box", "c", Bytes("file"));

        var overFolder = await Assert.ThrowsAsync<InvalidOperationException>(() => store.PutAsync("box", "a", Bytes("x")));
        var belowFile = await Assert.ThrowsAsync<InvalidOperationException>(() => store.PutAsync("box", "c/d", Bytes("x")));

        Assert.Contains("box/a", overFolder.Message);
        Assert.Contains("box/c/d", belowFile.Message);
        Assert.Equal(["a/b", "c"], await store.ListAsync("box", "").ToListAsync());
        // The folder "a" is not a blob.
        Assert.Null(await store.GetAsync("box", "a"));
        Assert.Null(await store.OpenReadAsync("box", "a"));
        Assert.False(await store.DeleteAsync("box", "a"));
        Assert.Equal("below", Encoding.UTF8.GetString((await store.GetAsync("box", "a/b"))!.Content.Span));
    }

    [Fact]
    public async Task A_reader_keeps_the_content_it_opened_while_the_blob_is_replaced()
    {
        using var store = Open(_folder.Path);
        await store.PutAsync("models", "m", Bytes("first version"));
        await using var reader = await store.OpenReadAsync("models", "m");

        await store.PutAsync("models", "m", Bytes("second"));
        Assert.True(await store.DeleteAsync("models", "m"));

        using var text = new StreamReader(reader!);
        Assert.Equal("first version", await text.ReadToEndAsync());
    }

    [Fact]
    public void Opening_the_store_removes_temp_files_abandoned_by_an_interrupted_write_but_not_recent_ones()
    {
        var temp = Path.Combine(_folder.Path, "blobs", ".tmp");
        Directory.CreateDirectory(temp);
        var abandoned = Path.Combine(temp, "abandoned");
        var recent = Path.Combine(temp, "in-flight");
        File.WriteAllText(abandoned, "half a blob");
        File.WriteAllText(recent, "being written");
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddDays(-2));

        using var store = Open(_folder.Path);

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(recent));
    }

    [Fact]
    public async Task Opening_the_store_drops_blocks_staged_a_week_ago_and_never_committed_but_keeps_recent_ones()
    {
        using (var first = Open(_folder.Path))
        {
            await first.StageBlockAsync("training", "old-run/snapshot.ndjson.gz", "YmxvY2stMA", new MemoryStream(Bytes("old part")));
            await first.StageBlockAsync("training", "new-run/snapshot.ndjson.gz", "YmxvY2stMA", new MemoryStream(Bytes("new part")));
        }
        var staged = Directory.GetFiles(Path.Combine(_folder.Path, "blobs", ".blocks"), "*", SearchOption.AllDirectories);
        Assert.Equal(2, staged.Length);
        var old = staged.Single(f => File.ReadAllText(f) == "old part");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-8));

        using var store = Open(_folder.Path);

        Assert.False(File.Exists(old));
        Assert.False(Directory.Exists(Path.GetDirectoryName(old)));
        await store.CommitBlocksAsync("training", "new-run/snapshot.ndjson.gz", ["YmxvY2stMA"]);
        Assert.Equal("new part", Encoding.UTF8.GetString((await store.GetAsync("training", "new-run/snapshot.ndjson.gz"))!.Content.Span));
    }

    public void Dispose() => _folder.Dispose();

    private static FolderBlobStore Open(string dataFolder, Action<EmbeddedStoreOptions>? configure = null)
    {
        var options = new EmbeddedStoreOptions { DataFolder = dataFolder };
        configure?.Invoke(options);
        return new FolderBlobStore(Options.Create(options), NullLogger<FolderBlobStore>.Instance);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
