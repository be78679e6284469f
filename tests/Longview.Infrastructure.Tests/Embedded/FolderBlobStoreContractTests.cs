using Longview.Core.Ports;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Folder;
using Longview.Infrastructure.Tests.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Embedded;

public sealed class FolderBlobStoreContractTests : BlobStoreContract, IDisposable
{
    private readonly TestFolder _folder = new();
    private readonly List<FolderBlobStore> _opened = [];

    protected override Task<IBlobStore> CreateStoreAsync()
    {
        var store = new FolderBlobStore(
            Options.Create(new EmbeddedStoreOptions { DataFolder = _folder.Path }),
            NullLogger<FolderBlobStore>.Instance);
        _opened.Add(store);
        return Task.FromResult<IBlobStore>(store);
    }

    public void Dispose()
    {
        _opened.ForEach(s => s.Dispose());
        _folder.Dispose();
    }
}
