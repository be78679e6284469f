using Azure;
using Longview.Core.Ports;

namespace Longview.Functions.Tests.EventHubs;

/// <summary>
/// A real blob store whose writes fail per <see cref="Plan"/> as Blob storage fails: 503 before the write, or a lost
/// answer after the blob landed. Reads go through (the tests read the letters back).
/// </summary>
internal sealed class FaultyBlobStore(IBlobStore inner) : IBlobStore
{
    public FaultPlan Plan { get; set; } = new();

    public Task<BlobContent?> GetAsync(string container, string name, CancellationToken cancellationToken = default) => inner.GetAsync(container, name, cancellationToken);

    public async Task<string?> PutAsync(string container, string name, ReadOnlyMemory<byte> content, BlobCondition condition = BlobCondition.None, string? etag = null, CancellationToken cancellationToken = default)
    {
        var fault = Plan.Next();
        if (fault == Fault.Before)
        {
            throw Unavailable();
        }
        var result = await inner.PutAsync(container, name, content, condition, etag, cancellationToken);
        return fault == Fault.After ? throw Unavailable() : result;
    }

    public Task<string> UploadAsync(string container, string name, Stream content, CancellationToken cancellationToken = default) => inner.UploadAsync(container, name, content, cancellationToken);

    public Task<Stream?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default) => inner.OpenReadAsync(container, name, cancellationToken);

    public IAsyncEnumerable<string> ListAsync(string container, string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(container, prefix, cancellationToken);

    public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default) => inner.DeleteAsync(container, name, cancellationToken);

    private static RequestFailedException Unavailable() => new(503, "The server is currently unable to receive requests. Please retry your request.", "ServerBusy", null);
}
