using Longview.Core.Training.Jobs;
using Longview.Core.Training.Promotion;
using Longview.Core.Workflows;

namespace Longview.Core.Training.Steps;

public sealed record ChampionEvaluationRequest(string Version, string ModelFolder, BlobLocation Snapshot);

/// <summary>Evaluates the champion on this run's snapshot (the candidate's holdout).</summary>
public sealed class EvaluateChampionStep(IChampionEvaluator evaluator) : IWorkflowStep<ChampionEvaluationRequest, ModelMetrics>
{
    public string Name => TrainingSteps.EvaluateChampion;

    public Task<ModelMetrics> RunAsync(ChampionEvaluationRequest input, CancellationToken cancellationToken) =>
        evaluator.EvaluateAsync(input.Version, input.ModelFolder, input.Snapshot, cancellationToken);
}
