using System.Net;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Longview.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Blob;

/// <summary>
/// <see cref="IBlobStore"/> on Azure Blob Storage. Containers are created on demand: a write that finds its
/// container missing creates it and tries once more, so the common path costs one request.
/// </summary>
public sealed class AzureBlobStore(BlobServiceClient service, IOptions<AzureBlobStoreOptions> options, ILogger<AzureBlobStore> logger) : IBlobStore
{
    private static readonly string ContainerNotFound = BlobErrorCode.ContainerNotFound.ToString();
    private readonly AzureBlobStoreOptions _options = options.Value;

    public async Task<BlobContent?> GetAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var blob = Blob(container, name);
        try
        {
            // One request: the headers (length, ETag) arrive before the body, so an oversized blob is refused unread.
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using var body = download.Value.Content.ConfigureAwait(false);
            var length = download.Value.Details.ContentLength;
            if (length > _options.MaxInMemoryBytes)
            {
                throw new InvalidOperationException(
                    $"blob {container}/{name} is {length} bytes, over the {_options.MaxInMemoryBytes}-byte limit for in-memory reads; use OpenReadAsync.");
            }
            var buffer = new MemoryStream((int)length);
            await download.Value.Content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return new BlobContent(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), download.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>One HEAD request (the blob's properties), without the content.</summary>
    public async Task<string?> GetETagAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var properties = await Blob(container, name).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return properties.Value.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<string?> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobCondition condition = BlobCondition.None, string? etag = null, CancellationToken cancellationToken = default)
    {
        var conditions = condition switch
        {
            BlobCondition.None => null,
            BlobCondition.IfNoneExists => new BlobRequestConditions { IfNoneMatch = ETag.All },
            BlobCondition.IfMatch => new BlobRequestConditions
            {
                IfMatch = new ETag(etag ?? throw new ArgumentNullException(nameof(etag), "BlobCondition.IfMatch needs the expected ETag.")),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "unknown blob condition"),
        };
        var blob = Blob(container, name);
        try
        {
            return await WriteCreatingContainerAsync(container,
                () => blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions { Conditions = conditions }, cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (IsConditionFailure(e, condition))
        {
            logger.LogDebug("Blob write {Container}/{Name} skipped: condition {Condition} not met ({ErrorCode})", container, name, condition, e.ErrorCode);
            return null;
        }
    }

    public async Task<string> UploadAsync(string container, string name, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var blob = Blob(container, name);
        // The container must exist before the first byte is read: a stream that cannot seek cannot be sent twice.
        await service.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var uploaded = await blob.UploadAsync(content, new BlobUploadOptions(), cancellationToken).ConfigureAwait(false);
        return uploaded.Value.ETag.ToString();
    }

    /// <summary>An uncommitted block of the block blob (Azure keeps it for a week): invisible until the commit.</summary>
    public async Task StageBlockAsync(string container, string name, string blockId, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var blob = BlockBlob(container, name);
        await service.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await blob.StageBlockAsync(blockId, content, new BlockBlobStageBlockOptions(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One Put Block List: the blob becomes the blocks, in order, atomically; uncommitted blocks are discarded.</summary>
    public async Task<string> CommitBlocksAsync(string container, string name, IReadOnlyList<string> blockIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blockIds);
        var committed = await BlockBlob(container, name).CommitBlockListAsync(blockIds, new CommitBlockListOptions(), cancellationToken).ConfigureAwait(false);
        return committed.Value.ETag.ToString();
    }

    public async Task<Stream?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var blob = Blob(container, name);
        try
        {
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return download.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string container, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobNames.RequireContainer(container);
        BlobNames.RequirePrefix(prefix);
        var pages = service.GetBlobContainerClient(container)
            .GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        await using (pages.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await pages.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
                {
                    yield break; // no container, no blobs
                }
                yield return pages.Current.Name;
            }
        }
    }

    public async Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var blob = Blob(container, name);
        try
        {
            var deleted = await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return deleted.Value;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private BlobClient Blob(string container, string name)
    {
        BlobNames.RequireContainer(container);
        BlobNames.RequireBlob(name);
        return service.GetBlobContainerClient(container).GetBlobClient(name);
    }

    private BlockBlobClient BlockBlob(string container, string name)
    {
        BlobNames.RequireContainer(container);
        BlobNames.RequireBlob(name);
        return service.GetBlobContainerClient(container).GetBlockBlobClient(name);
    }

    private async Task<string> WriteCreatingContainerAsync(string container, Func<Task<Response<BlobContentInfo>>> write, CancellationToken cancellationToken)
    {
        try
        {
            return (await write().ConfigureAwait(false)).Value.ETag.ToString();
        }
        catch (RequestFailedException e) when (e.ErrorCode == ContainerNotFound)
        {
            await service.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Blob container {Container} created on first write", container);
            return (await write().ConfigureAwait(false)).Value.ETag.ToString();
        }
    }

    // IfNoneExists fails with 409 BlobAlreadyExists (or 412); IfMatch with 412, or 404 when the blob is gone.
    private static bool IsConditionFailure(RequestFailedException e, BlobCondition condition) => condition switch
    {
        BlobCondition.IfNoneExists => e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed,
        BlobCondition.IfMatch => e.Status is (int)HttpStatusCode.PreconditionFailed
            || (e.Status == (int)HttpStatusCode.NotFound && e.ErrorCode != ContainerNotFound),
        _ => false,
    };
}
