namespace Longview.Core.Training.Runs;

/// <summary>The application service behind the training routes and the schedule: queue a run, read a run.</summary>
public sealed class TrainingRuns(ITrainingRunStore store, ITrainingRunLauncher launcher, TimeProvider time)
{
    /// <summary>Queues a run; <paramref name="jobArguments"/> replace the configured job flags for this run only.</summary>
    public async Task<TrainingRunRecord> StartAsync(string trigger, IReadOnlyList<string>? jobArguments, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var run = new TrainingRunRecord
        {
            RunId = TrainingRunIds.Create(now, Guid.NewGuid()),
            Trigger = trigger,
            RequestedAt = now,
            JobArguments = jobArguments?.ToList(),
        };
        await store.SaveAsync(run, cancellationToken).ConfigureAwait(false);
        await launcher.LaunchAsync(run, cancellationToken).ConfigureAwait(false);
        return run;
    }

    /// <summary>The run, or null when the id is unknown or malformed.</summary>
    public Task<TrainingRunRecord?> GetAsync(string runId, CancellationToken cancellationToken) =>
        TrainingRunIds.IsValid(runId) ? store.GetAsync(runId, cancellationToken) : Task.FromResult<TrainingRunRecord?>(null);
}
