using Longview.Core.Configuration;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Longview.Core.Ingestion;
using Longview.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Blob;

public static class AzureBlobServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IBlobStore"/> on Azure Blob Storage with one <see cref="BlobServiceClient"/>: from the
    /// connection string when set (azurite), otherwise the service URI with <paramref name="credential"/> or DefaultAzureCredential.
    /// </summary>
    /// <param name="configure">The host's values (azurite's connection string), applied before the settings "Blob".</param>
    public static IServiceCollection AddAzureBlobStore(this IServiceCollection services, Action<AzureBlobStoreOptions>? configure = null, TokenCredential? credential = null)
    {
        services.AddOptions<AzureBlobStoreOptions>().Configure(o => configure?.Invoke(o));
        services.AddSettings<AzureBlobStoreOptions>(AzureBlobStoreOptions.SectionName);
        services.TryAddSingleton(sp => CreateServiceClient(sp.GetRequiredService<IOptions<AzureBlobStoreOptions>>().Value, credential));
        services.AddSingleton<AzureBlobStore>();
        services.AddSingleton<IBlobStore>(sp => sp.GetRequiredService<AzureBlobStore>());
        return services;
    }

    /// <summary>Registers the Blob-backed <see cref="IDeadLetterSink"/> over whichever <see cref="IBlobStore"/> is registered.</summary>
    public static IServiceCollection AddBlobDeadLetterSink(this IServiceCollection services, Action<BlobDeadLetterOptions>? configure = null)
    {
        services.AddOptions<BlobDeadLetterOptions>().Configure(o => configure?.Invoke(o));
        services.AddSettings<BlobDeadLetterOptions>(BlobDeadLetterOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDeadLetterSink, BlobDeadLetterSink>();
        return services;
    }

    public static BlobServiceClient CreateServiceClient(AzureBlobStoreOptions options, TokenCredential? credential = null)
    {
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }
        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobServiceClient(options.ServiceUri, credential ?? new DefaultAzureCredential())
            : new BlobServiceClient(options.ConnectionString);
    }
}
