using Longview.Infrastructure.Blob;
using Longview.Infrastructure.Cosmos;

namespace Longview.Local.Hosting;

/// <summary>
/// Wires the production adapters (Cosmos profiles and catalogue, Blob files) to the local emulators, whose endpoints
/// tests/emulators/emulators.sh exports; this runs the Azure code paths without a cloud account.
/// </summary>
internal static class EmulatorStores
{
    public const string CosmosEndpointVariable = "LONGVIEW_TEST_COSMOS_ENDPOINT";
    public const string CosmosKeyVariable = "LONGVIEW_TEST_COSMOS_KEY";
    public const string BlobConnectionVariable = "LONGVIEW_TEST_BLOB_CONNECTION";

    public static IServiceCollection AddEmulatorStores(this IServiceCollection services)
    {
        var endpoint = Require(CosmosEndpointVariable);
        var key = Require(CosmosKeyVariable);
        var blobs = Require(BlobConnectionVariable);
        services.AddCosmosStores(options => options.ForEmulator(new Uri(endpoint), key));
        services.AddAzureBlobStore(options => options.ConnectionString = blobs);
        return services;
    }

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"--store emulators needs {variable}; start the app with ./dev run --azure-emulators, which starts the emulators and sets it.");
}
