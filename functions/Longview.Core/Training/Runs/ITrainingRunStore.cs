namespace Longview.Core.Training.Runs;

/// <summary>Where run records live (Blob JSON <c>training/{runId}/run.json</c>).</summary>
public interface ITrainingRunStore
{
    Task SaveAsync(TrainingRunRecord run, CancellationToken cancellationToken);

    Task<TrainingRunRecord?> GetAsync(string runId, CancellationToken cancellationToken);
}
