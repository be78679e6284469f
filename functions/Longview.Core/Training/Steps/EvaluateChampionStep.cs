using Longview.Core.Training.Jobs;
using Longview.Core.Training.Promotion;
using Longview.Core.Workflows;

namespace Longview.Core.Training.Steps;

/// <summary>One slice of the champion's evaluation: the users on snapshot lines [FirstUser, FirstUser + MaxUsers), one a line.</summary>
public sealed record ChampionEvaluationRequest(string Version, string ModelFolder, BlobLocation Snapshot, long FirstUser, int MaxUsers);

/// <summary>Evaluates the champion on this run's snapshot (the candidate's holdout), one slice per call.</summary>
public sealed class EvaluateChampionStep(IChampionEvaluator evaluator) : IWorkflowStep<ChampionEvaluationRequest, ChampionEvaluationPart>
{
    public string Name => TrainingSteps.EvaluateChampion;

    public Task<ChampionEvaluationPart> RunAsync(ChampionEvaluationRequest input, CancellationToken cancellationToken) =>
        evaluator.EvaluateAsync(input.Version, input.ModelFolder, input.Snapshot, input.FirstUser, input.MaxUsers, cancellationToken);
}
