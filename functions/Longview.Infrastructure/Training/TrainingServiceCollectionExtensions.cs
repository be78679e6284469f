using Azure.Core;
using Azure.Identity;
using Longview.Core.Configuration;
using Longview.Core.Training;
using Longview.Core.Training.Jobs;
using Longview.Core.Training.Promotion;
using Longview.Core.Training.Runs;
using Longview.Core.Training.Snapshot;
using Longview.Core.Training.Steps;
using Longview.Core.Workflows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Training;

/// <summary>
/// The training pipeline's services: the workflow, its steps, the run store and the snapshot writer. The host adds
/// one runner (<see cref="AddLocalTrainingRunner"/> or <see cref="AddContainerAppsTrainingRunner"/>) and a launcher.
/// </summary>
public static class TrainingServiceCollectionExtensions
{
    public static IServiceCollection AddLongviewTraining(this IServiceCollection services, Action<TrainingPipelineOptions>? configure = null)
    {
        // The host's defaults first, then the settings "Longview:Training": configuration wins.
        if (configure is not null)
        {
            services.AddOptions<TrainingPipelineOptions>().Configure(configure);
        }
        services.AddSettings<TrainingPipelineOptions>(TrainingPipelineOptions.SectionName);
        services.AddOptions<SnapshotWriterOptions>();
        services.AddOptions<Onnx.OnnxModelOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TrainingPipeline>();
        services.TryAddSingleton<ITrainingRunStore, BlobTrainingRunStore>();
        services.TryAddSingleton<TrainingRuns>();
        services.TryAddSingleton<ITrainingSnapshotWriter, ProfileSnapshotWriter>();
        services.TryAddSingleton<IChampionEvaluator, OnnxChampionEvaluator>();

        services.AddSingleton<IWorkflowStep, SnapshotPartStep>();
        services.AddSingleton<IWorkflowStep, SnapshotCommitStep>();
        services.AddSingleton<IWorkflowStep, StartJobStep>();
        services.AddSingleton<IWorkflowStep, JobStatusStep>();
        services.AddSingleton<IWorkflowStep, StopJobStep>();
        services.AddSingleton<IWorkflowStep, ReadCandidateStep>();
        services.AddSingleton<IWorkflowStep, ReadChampionStep>();
        services.AddSingleton<IWorkflowStep, EvaluateChampionStep>();
        services.AddSingleton<IWorkflowStep, PromoteStep>();
        services.AddSingleton<IWorkflowStep, SaveRunStep>();
        return services;
    }

    public static IServiceCollection AddLocalTrainingRunner(this IServiceCollection services, Action<LocalProcessJobOptions>? configure = null)
    {
        var options = services.AddOptions<LocalProcessJobOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }
        services.TryAddSingleton<LocalProcessJobRunner>();
        services.TryAddSingleton<ITrainingJobRunner>(sp => sp.GetRequiredService<LocalProcessJobRunner>());
        return services;
    }

    /// <summary>
    /// ARM through Azure.Core's pipeline (<see cref="ArmPipeline"/>: retries honouring Retry-After) with
    /// DefaultAzureCredential (managed identity in Azure) unless a TokenCredential is registered.
    /// </summary>
    public static IServiceCollection AddContainerAppsTrainingRunner(this IServiceCollection services, Action<ContainerAppsJobOptions>? configure = null)
    {
        services.AddOptions<ContainerAppsJobOptions>().Configure(o => configure?.Invoke(o));
        services.AddSettings<ContainerAppsJobOptions>(ContainerAppsJobOptions.SectionName);
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.TryAddSingleton<ITrainingJobRunner>(sp => new ContainerAppsJobRunner(
            ArmPipeline.Create(sp.GetRequiredService<TokenCredential>(), sp.GetRequiredService<IOptions<ContainerAppsJobOptions>>().Value),
            sp.GetRequiredService<IOptions<ContainerAppsJobOptions>>(),
            sp.GetRequiredService<ILogger<ContainerAppsJobRunner>>()));
        return services;
    }
}
