using Longview.Core.Training.Jobs;
using Longview.Core.Training.Promotion;

namespace Longview.Functions.Tests.Durable;

/// <summary>
/// The champion's ranking metrics on the run's holdout, as the ONNX evaluator would measure them, answered in two
/// slices (one user each) so the orchestration's slice loop runs: NDCG@10 <see cref="ChampionNdcg"/>, coverage@10 0.5.
/// </summary>
public sealed class FixedChampionEvaluator : IChampionEvaluator
{
    public double ChampionNdcg { get; set; } = 0.10;

    public int Slices;

    public Task<ChampionEvaluationPart> EvaluateAsync(string version, string modelFolder, BlobLocation snapshot, long firstUser, int maxUsers, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Slices);
        return Task.FromResult(new ChampionEvaluationPart(1, ChampionNdcg, ["m1"], 2, firstUser + 1, Done: firstUser >= 1));
    }
}
