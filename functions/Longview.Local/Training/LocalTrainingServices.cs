using Longview.Core.Configuration;
using Longview.Core.Training.Runs;
using Longview.Infrastructure.Training;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Longview.Local.Training;

/// <summary>The self-hosted training composition: the pipeline with the local process runner and the in-process launcher.</summary>
public static class LocalTrainingServices
{
    public static IServiceCollection AddLongviewLocalTraining(this IServiceCollection services, string dataFolder)
    {
        // One process, cheap status checks: poll often so a finished job is promoted within seconds.
        services.AddLongviewTraining(options => options.PollInterval = TimeSpan.FromSeconds(5));
        services.AddLocalTrainingRunner(options =>
        {
            options.TrainingSourceFolder = TrainingSourceFolder.Find();
            options.WorkFolder = Path.Combine(dataFolder, "training-work");
        });
        services.AddSettings<LocalTrainingOptions>(LocalTrainingOptions.SectionName);
        services.TryAddSingleton<InProcessTrainingLauncher>();
        services.TryAddSingleton<ITrainingRunLauncher>(sp => sp.GetRequiredService<InProcessTrainingLauncher>());
        return services;
    }

    /// <summary>Crash recovery, the schedule and the first model: only for <c>serve</c>, never for the one-shot verbs.</summary>
    public static IServiceCollection AddLongviewTrainingSchedule(this IServiceCollection services)
    {
        // First, so that no run starts before the runs the last process left behind are marked abandoned.
        services.AddHostedService<TrainingRunRecovery>();
        services.AddHostedService<TrainingScheduler>();
        services.AddHostedService<FirstModelTrainer>();
        return services;
    }
}
