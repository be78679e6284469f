using Longview.Core.Training.Jobs;
using Longview.Core.Training.Promotion;

namespace Longview.Functions.Tests.Durable;

/// <summary>The champion's ranking metrics on the run's holdout, as the ONNX evaluator would measure them.</summary>
public sealed class FixedChampionEvaluator : IChampionEvaluator
{
    public double ChampionNdcg { get; set; } = 0.10;

    public Task<ModelMetrics> EvaluateAsync(string version, string modelFolder, BlobLocation snapshot, CancellationToken cancellationToken) =>
        Task.FromResult(new ModelMetrics(ChampionNdcg, 0.5, null));
}
