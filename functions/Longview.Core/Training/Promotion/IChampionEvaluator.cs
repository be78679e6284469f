using Longview.Core.Training.Jobs;

namespace Longview.Core.Training.Promotion;

/// <summary>
/// Scores the serving model on a snapshot with the job's protocol (leave-one-out, last item is the test target, full
/// ranking over the snapshot's items, input items excluded) so champion and candidate are compared on the same holdout.
/// Resumable: one call scores the snapshot's lines [<c>firstUser</c>, <c>firstUser + maxUsers</c>) (0-based, one user a
/// line; malformed and blank lines count but score nothing), so a workflow evaluates a
/// snapshot of any size in steps that each fit in an activity's time limit, and sums the parts
/// (<see cref="ChampionEvaluationTally"/>).
/// </summary>
public interface IChampionEvaluator
{
    /// <summary>
    /// The part of the NDCG@10 and coverage@10 sums of model <paramref name="version"/> stored under
    /// <paramref name="modelFolder"/> (models container) over the users on snapshot lines [firstUser, firstUser + maxUsers).
    /// </summary>
    Task<ChampionEvaluationPart> EvaluateAsync(string version, string modelFolder, BlobLocation snapshot, long firstUser, int maxUsers, CancellationToken cancellationToken);
}
