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

namespace Longview.Functions.Hosting;

/// <summary>
/// Every service the Functions app uses, registered in one place: the Core application services (the same ones the
/// self-hosted host uses) over Cosmos DB stores and Azure Blob storage. Identity-based by default: a Cosmos endpoint
/// without a key and a Blob service URI authenticate with DefaultAzureCredential (the app's managed identity).
/// </summary>
public static class LongviewFunctionsServices
{
    public const string EventLimitsSection = "Longview:Events";
    public const string ItemLimitsSection = "Longview:Items";
    public const string ProfileLimitsSection = "Longview:Profiles";
    public const string IngestionSection = "Longview:Ingestion";

    public static IServiceCollection AddLongviewFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<EventLimits>().Bind(configuration.GetSection(EventLimitsSection));
        services.AddOptions<ItemLimits>().Bind(configuration.GetSection(ItemLimitsSection));
        services.AddOptions<ProfileLimits>().Bind(configuration.GetSection(ProfileLimitsSection));
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionSection));
        services.AddOptions<TransientRetryOptions>().Bind(configuration.GetSection(TransientRetryOptions.SectionName));
        services.AddOptions<StreamIngestionOptions>().Bind(configuration.GetSection(StreamIngestionOptions.SectionName));

        services.AddCosmosStores(options => configuration.GetSection(CosmosStoreOptions.SectionName).Bind(options));
        services.AddAzureBlobStore(options => configuration.GetSection(AzureBlobStoreOptions.SectionName).Bind(options));
        services.AddBlobDeadLetterSink(options => configuration.GetSection(BlobDeadLetterOptions.SectionName).Bind(options));
        // A misconfigured app should fail at start-up with the setting's name, not at its first event.
        services.AddOptions<CosmosStoreOptions>().ValidateOnStart();
        services.AddOptions<AzureBlobStoreOptions>().ValidateOnStart();
        services.AddOptions<BlobDeadLetterOptions>().ValidateOnStart();
        services.AddSingleton<ITransientFailureClassifier, AzureTransientFailures>();

        // The training pipeline (Durable orchestration in Training/) starts the GPU job on Container Apps.
        services.AddLongviewTraining(options => configuration.GetSection(TrainingPipelineOptions.SectionName).Bind(options));
        services.AddContainerAppsTrainingRunner(options => configuration.GetSection(ContainerAppsJobOptions.SectionName).Bind(options));

        // The same ingestion path as the self-hosted host (readers, aggregator, EventIngestion, ItemIngestion).
        services.AddLongviewIngestion();
        services.AddSingleton<TransientRetry>();
        services.AddSingleton<EventStreamIngestion>();

        // Retention job, query and reports store (Cosmos container "reports", pk /kind).
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName));
        services.AddOptions<RetentionJobOptions>().Bind(configuration.GetSection(RetentionJobOptions.SectionName));
        services.AddOptions<LifecycleJobOptions>().Bind(configuration.GetSection(LifecycleJobOptions.SectionName));
        // The timer names the same setting (%Longview__Retention__Schedule%); validated here so a bad one names itself.
        services.AddOptions<RetentionScheduleOptions>().Bind(configuration.GetSection(RetentionScheduleOptions.SectionName));
        services.AddRetentionJob().AddModelChurnRisk().AddCosmosReportStore();

        // Right to be forgotten (DELETE users/{userId}) and the keyed hash that names users in logs.
        services.AddOptions<UserIdHashOptions>().Bind(configuration.GetSection(UserIdHashOptions.SectionName));
        services.AddBlobErasure(options => configuration.GetSection(ErasureStoreOptions.SectionName).Bind(options));
        services.AddOptions<ErasureStoreOptions>().ValidateOnStart();
        services.AddLongviewServing(configuration);

        // Readiness (GET /api/health/ready): model, profile store and retention reports, each with its reason.
        services.AddLongviewReadiness();
        services.AddOptions<ReadinessOptions>().Bind(configuration.GetSection(ReadinessOptions.SectionName));

        // The HTTP handlers shared with the self-hosted host (Longview.Api): their JSON and problem+json conventions.
        services.AddLongviewApi();
        services.AddSingleton<IServedListRecorder, IngestedImpressions>();

        // Experiments (from configuration, validated at start), the served-list and exposure logs (Cosmos containers
        // "lists" and "exposures"), list outcomes and experiment results.
        services.AddOptions<ExperimentOptions>().Bind(configuration.GetSection(ExperimentOptions.SectionName));
        services.AddOptions<Longview.Core.Campaigns.CampaignOptions>().Bind(configuration.GetSection(Longview.Core.Campaigns.CampaignOptions.SectionName));
        services.AddOptions<OutcomeOptions>().Bind(configuration.GetSection(OutcomeOptions.SectionName));
        services.AddOptions<OutcomeStoreOptions>().Bind(configuration.GetSection(OutcomeStoreOptions.SectionName));
        services.AddLongviewExperiments().AddCosmosOutcomeStores();
        return services;
    }
}
