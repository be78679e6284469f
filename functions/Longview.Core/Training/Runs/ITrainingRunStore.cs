namespace Longview.Core.Training.Runs;

/// <summary>
/// Where run records live (Blob JSON <c>training/{runId}/run.json</c>), and which run was started last (the marker that
/// bounds the queue to one active run; changed only by a conditional write, so two starters cannot both win).
/// </summary>
public interface ITrainingRunStore
{
    Task SaveAsync(TrainingRunRecord run, CancellationToken cancellationToken);

    Task<TrainingRunRecord?> GetAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Every stored run id (start-up recovery reads them all; a run a day keeps this small).</summary>
    IAsyncEnumerable<string> ListIdsAsync(CancellationToken cancellationToken);

    /// <summary>The run started last and the marker's version; null when no run was ever started.</summary>
    Task<LatestTrainingRun?> GetLatestAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Names <paramref name="runId"/> as the run started last, only if the marker is still at
    /// <paramref name="expectedVersion"/> (null: only if there is no marker). False when another starter won.
    /// </summary>
    Task<bool> TrySetLatestAsync(string runId, string? expectedVersion, CancellationToken cancellationToken);
}
