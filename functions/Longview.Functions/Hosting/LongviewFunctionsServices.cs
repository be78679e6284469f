using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Resilience;
using Longview.Core.Streaming;
using Longview.Infrastructure.Blob;
using Longview.Infrastructure.Cosmos;
using Longview.Infrastructure.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Longview.Functions.Hosting;

/// <summary>
/// Every service the Functions app uses, registered in one place: the Core application services (the same ones the
/// self-hosted host uses) over Cosmos DB stores and Azure Blob storage. Identity-based by default: a Cosmos endpoint
/// without a key and a storage service URI authenticate with DefaultAzureCredential (managed identity in Azure).
/// </summary>
public static class LongviewFunctionsServices
{
    public const string EventLimitsSection = "Longview:Events";

    public static IServiceCollection AddLongviewFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<EventLimits>().Bind(configuration.GetSection(EventLimitsSection));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<EventLimits>>().Value);
        services.AddOptions<TransientRetryOptions>().Bind(configuration.GetSection(TransientRetryOptions.SectionName));

        services.AddCosmosStores(options => configuration.GetSection(CosmosStoreOptions.SectionName).Bind(options));
        services.AddAzureBlobStore(options => configuration.GetSection(AzureBlobStoreOptions.SectionName).Bind(options));

        services.AddSingleton<ITransientFailureClassifier, AzureTransientFailures>();
        services.AddSingleton<TransientRetry>();
        services.AddSingleton<EventBatchReader>();
        services.AddSingleton<EventIngestion>();
        services.AddSingleton<ItemIngestion>();
        services.AddSingleton<EventStreamIngestion>();
        return services;
    }
}
