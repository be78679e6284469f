using Longview.Core.Ports;
using Longview.Infrastructure.Tests.Contracts;

namespace Longview.Infrastructure.Tests.Blob;

[SkipUnlessEnvironment(Azurite.ConnectionVariable, "[SKIP] azurite not running: LONGVIEW_TEST_BLOB_CONNECTION is not set (./dev test starts it).")]
public sealed class AzuriteBlobStoreContractTests : BlobStoreContract
{
    protected override Task<IBlobStore> CreateStoreAsync() => Task.FromResult<IBlobStore>(Azurite.Store());
}
