using Longview.Core.Configuration;
using Longview.Core.Health;
using Longview.Api;
using Longview.Infrastructure.Training;
using Longview.Core.Training;
using Longview.Core.Events;
using Longview.Core.Experiments;
using Longview.Core.Outcomes;
using Longview.Core.Ingestion;
using Longview.Core.Privacy;
using Longview.Core.Items;
using Longview.Core.Profiles;
using Longview.Core.Resilience;
using Longview.Core.Retention;
using Longview.Core.Lifecycle.Scoring;
using Longview.Core.Retention.Jobs;
using Longview.Core.Streaming;
using Longview.Infrastructure.Blob;
using Longview.Infrastructure.Cosmos;
using Longview.Infrastructure.Reports;
using Longview.Infrastructure.Erasure;
using Longview.Infrastructure.Outcomes;
using Longview.Infrastructure.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Longview.Functions.Hosting;

/// <summary>
/// Every service the Functions app uses, registered in one place: the Core application services (the same ones the
/// self-hosted host uses) over Cosmos DB stores and Azure Blob storage. Identity-based by default: a Cosmos endpoint
/// without a key and a Blob service URI authenticate with DefaultAzureCredential (the app's managed identity).
/// </summary>
public static class LongviewFunctionsServices
{
    public const string EventLimitsSection = EventLimits.SectionName;
    public const string ItemLimitsSection = ItemLimits.SectionName;
    public const string ProfileLimitsSection = ProfileLimits.SectionName;
    public const string IngestionSection = IngestionOptions.SectionName;

    public static IServiceCollection AddLongviewFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        // The settings (AddSettings) bind from the configuration in the container: this one, unless the host has its own.
        services.TryAddSingleton(configuration);

        // Every Core and adapter options class is a setting bound from the host's configuration and validated at start
        // (AddSettings, inside each registration below): Longview:Events, :Items, :Profiles, :Ingestion, :Security,
        // :Training, :Onnx, :Recommendations, :Readiness, :Retention, Retention, Retention:Job.
        services.AddSettings<TransientRetryOptions>(TransientRetryOptions.SectionName);
        services.AddSettings<StreamIngestionOptions>(StreamIngestionOptions.SectionName);

        // Settings "Cosmos", "Blob", "DeadLetters" (and "Erasure" below): a misconfigured app fails at start-up with the
        // setting's name, not at its first event.
        services.AddCosmosStores();
        services.AddAzureBlobStore();
        services.AddBlobDeadLetterSink();
        services.AddSingleton<ITransientFailureClassifier, AzureTransientFailures>();

        // The training pipeline (Durable orchestration in Training/) starts the GPU job on Container Apps.
        services.AddLongviewTraining();
        services.AddContainerAppsTrainingRunner();

        // The same ingestion path as the self-hosted host (readers, aggregator, EventIngestion, ItemIngestion).
        services.AddLongviewIngestion();
        services.AddSingleton<TransientRetry>();
        services.AddSingleton<EventStreamIngestion>();

        // Retention job, query and reports store (Cosmos container "reports", pk /kind).
        // The timer names the same setting as RetentionScheduleOptions (%Longview__Retention__Schedule%), validated at start.
        services.AddRetentionJob().AddModelChurnRisk().AddCosmosReportStore();

        // Right to be forgotten (DELETE users/{userId}) and the keyed hash that names users in logs.
        services.AddBlobErasure();
        services.AddLongviewServing(configuration);
        // Item text embeddings (Cosmos container "embeddings"), computed by the EmbedItems timer.
        services.AddLongviewSemantics(configuration);

        // Readiness (GET /api/health/ready): model, profile store and retention reports, each with its reason.
        services.AddLongviewReadiness();

        // The HTTP handlers shared with the self-hosted host (Longview.Api): their JSON and problem+json conventions.
        services.AddLongviewApi();
        services.AddSingleton<IServedListRecorder, IngestedImpressions>();

        // Experiments (settings bound and validated at start by AddLongviewExperiments), the served-list and exposure logs (Cosmos containers
        // "lists" and "exposures"), list outcomes and experiment results.
        services.AddLongviewExperiments().AddCosmosOutcomeStores();
        return services;
    }
}
