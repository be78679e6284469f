using System.Text;
using Longview.Core.Ports;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Folder;
using Longview.Infrastructure.Tests.Blob;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Ops;

/// <summary>
/// <see cref="IBlobStore.GetETagAsync"/> (what the model provider watches) agrees with the ETag a read returns, in
/// both stores, and is null for a missing blob; in the folder store a restored content restores its ETag.
/// </summary>
public sealed class BlobETagTests
{
    [AzuriteFact]
    public async Task Azure_etag_without_the_content_matches_the_read()
    {
        IBlobStore store = Azurite.Store();
        var container = Azurite.UniqueContainer();
        await store.PutAsync(container, "v1/model.onnx", Encoding.UTF8.GetBytes("model"));

        Assert.Equal((await store.GetAsync(container, "v1/model.onnx"))!.ETag, await store.GetETagAsync(container, "v1/model.onnx"));
        Assert.Null(await store.GetETagAsync(container, "v1/absent"));
    }

    [Fact]
    public async Task Folder_etag_is_the_content_hash_so_restoring_the_bytes_restores_it()
    {
        using var folder = new TestFolder();
        using var blobs = new FolderBlobStore(Options.Create(new EmbeddedStoreOptions { DataFolder = folder.Path }), NullLogger<FolderBlobStore>.Instance);
        IBlobStore store = blobs;
        await store.PutAsync("models", "v1/model.onnx", Encoding.UTF8.GetBytes("model"));
        var original = await store.GetETagAsync("models", "v1/model.onnx");

        await store.PutAsync("models", "v1/model.onnx", Encoding.UTF8.GetBytes("corrupt"));
        var corrupt = await store.GetETagAsync("models", "v1/model.onnx");
        await store.PutAsync("models", "v1/model.onnx", Encoding.UTF8.GetBytes("model"));

        Assert.Equal((await store.GetAsync("models", "v1/model.onnx"))!.ETag, original);
        Assert.NotEqual(original, corrupt);
        Assert.Equal(original, await store.GetETagAsync("models", "v1/model.onnx"));
        Assert.Null(await store.GetETagAsync("models", "v1/absent"));
    }
}
