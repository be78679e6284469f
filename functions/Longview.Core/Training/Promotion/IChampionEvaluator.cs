using Longview.Core.Training.Jobs;

namespace Longview.Core.Training.Promotion;

/// <summary>
/// Scores the serving model on a snapshot with the job's protocol (leave-one-out, last item is the test target, full
/// ranking over the snapshot's items, input items excluded) so champion and candidate are compared on the same holdout.
/// </summary>
public interface IChampionEvaluator
{
    /// <summary>NDCG@10 and coverage@10 of model <paramref name="version"/> stored under <paramref name="modelFolder"/> (models container); churn AUC is not computed here (null).</summary>
    Task<ModelMetrics> EvaluateAsync(string version, string modelFolder, BlobLocation snapshot, CancellationToken cancellationToken);
}
