using Azure.Storage.Blobs;
using Longview.Infrastructure.Blob;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Blob;

/// <summary>The azurite Blob emulator that ./dev test starts (tests/emulators/emulators.sh exports its connection string).</summary>
public static class Azurite
{
    public const string ConnectionVariable = "LONGVIEW_TEST_BLOB_CONNECTION";

    public static string? SkipReason =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ConnectionVariable))
            ? $"[SKIP] azurite not running: {ConnectionVariable} is not set (./dev test starts it)."
            : null;

    public static BlobServiceClient Service() =>
        AzureBlobServiceCollectionExtensions.CreateServiceClient(new AzureBlobStoreOptions { ConnectionString = Environment.GetEnvironmentVariable(ConnectionVariable) });

    public static AzureBlobStore Store(long maxInMemoryBytes = 256L * 1024 * 1024) =>
        new(Service(), Options.Create(new AzureBlobStoreOptions
        {
            ConnectionString = Environment.GetEnvironmentVariable(ConnectionVariable),
            MaxInMemoryBytes = maxInMemoryBytes,
        }), NullLogger<AzureBlobStore>.Instance);

    /// <summary>A container name no other test uses.</summary>
    public static string UniqueContainer(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}";
}

/// <summary>A fact that runs only when azurite is up, and says why it skipped otherwise.</summary>
public sealed class AzuriteFactAttribute : FactAttribute
{
    public AzuriteFactAttribute()
    {
        Skip = Azurite.SkipReason;
    }
}
