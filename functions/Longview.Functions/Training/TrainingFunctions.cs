using Longview.Core.Training;
using Longview.Core.Training.Jobs;
using Longview.Core.Training.Promotion;
using Longview.Core.Training.Runs;
using Longview.Core.Training.Snapshot;
using Longview.Core.Training.Steps;
using Longview.Core.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Longview.Functions.Training;

/// <summary>
/// The training pipeline on Durable Functions: the orchestrator runs Core's <see cref="TrainingPipeline"/> through
/// <see cref="DurableWorkflowContext"/> with the run and the settings captured when it was queued
/// (<see cref="TrainingPipelineInput"/>); each activity is Core's step of the same name. Registration (in the host's
/// services): <c>AddLongviewTraining()</c> + <c>AddContainerAppsTrainingRunner(...)</c>.
/// </summary>
public sealed class TrainingFunctions(
    TrainingPipeline pipeline, IEnumerable<IWorkflowStep> steps, ITrainingRunStore store, IOptions<TrainingPipelineOptions> options, TimeProvider time)
{
    public const string Orchestrator = "TrainingPipeline";

    private readonly Dictionary<string, IWorkflowStep> _steps = steps.ToDictionary(s => s.Name, StringComparer.Ordinal);

    [Function(Orchestrator)]
    public Task<TrainingRunRecord> RunPipeline([OrchestrationTrigger] TaskOrchestrationContext context) =>
        pipeline.RunAsync(new DurableWorkflowContext(context), context.GetInput<TrainingPipelineInput>()!);

    /// <summary>
    /// The scheduled run; the NCRONTAB expression is the app setting Longview__Training__Schedule (e.g. "0 0 3 * * *"),
    /// the same one the self-hosted scheduler reads. While a run is queued or running it is answered instead of a new one.
    /// </summary>
    [Function("TrainingSchedule")]
    public Task Schedule([TimerTrigger("%Longview__Training__Schedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct) =>
        Runs(client).StartAsync("schedule", null, ct);

    [Function(TrainingSteps.SnapshotPart)]
    public Task<SnapshotPart> SnapshotPart([ActivityTrigger] SnapshotPartRequest input, CancellationToken ct) =>
        Step<SnapshotPartRequest, SnapshotPart>(TrainingSteps.SnapshotPart, input, ct);

    [Function(TrainingSteps.SnapshotCommit)]
    public Task<SnapshotSummary> SnapshotCommit([ActivityTrigger] SnapshotCommitRequest input, CancellationToken ct) =>
        Step<SnapshotCommitRequest, SnapshotSummary>(TrainingSteps.SnapshotCommit, input, ct);

    [Function(TrainingSteps.StartJob)]
    public Task<string> StartJob([ActivityTrigger] TrainingJobRequest input, CancellationToken ct) => Step<TrainingJobRequest, string>(TrainingSteps.StartJob, input, ct);

    [Function(TrainingSteps.JobStatus)]
    public Task<TrainingJobStatus> JobStatus([ActivityTrigger] string executionId, CancellationToken ct) => Step<string, TrainingJobStatus>(TrainingSteps.JobStatus, executionId, ct);

    [Function(TrainingSteps.StopJob)]
    public Task<bool> StopJob([ActivityTrigger] string executionId, CancellationToken ct) => Step<string, bool>(TrainingSteps.StopJob, executionId, ct);

    [Function(TrainingSteps.ReadCandidate)]
    public Task<CandidateReport> ReadCandidate([ActivityTrigger] BlobLocation output, CancellationToken ct) => Step<BlobLocation, CandidateReport>(TrainingSteps.ReadCandidate, output, ct);

    [Function(TrainingSteps.ReadChampion)]
    public Task<ChampionReport> ReadChampion([ActivityTrigger] string input, CancellationToken ct) => Step<string, ChampionReport>(TrainingSteps.ReadChampion, input, ct);

    [Function(TrainingSteps.EvaluateChampion)]
    public Task<ChampionEvaluationPart> EvaluateChampion([ActivityTrigger] ChampionEvaluationRequest input, CancellationToken ct) =>
        Step<ChampionEvaluationRequest, ChampionEvaluationPart>(TrainingSteps.EvaluateChampion, input, ct);

    [Function(TrainingSteps.Promote)]
    public Task<PromotionResult> Promote([ActivityTrigger] PromotionRequest input, CancellationToken ct) => Step<PromotionRequest, PromotionResult>(TrainingSteps.Promote, input, ct);

    [Function(TrainingSteps.SaveRun)]
    public Task<bool> SaveRun([ActivityTrigger] TrainingRunRecord run, CancellationToken ct) => Step<TrainingRunRecord, bool>(TrainingSteps.SaveRun, run, ct);

    private Task<TOutput> Step<TInput, TOutput>(string name, TInput input, CancellationToken ct) =>
        StepSpans.RunAsync((IWorkflowStep<TInput, TOutput>)_steps[name], input, ct);

    private TrainingRuns Runs(DurableTaskClient client) => new(store, new DurableTrainingLauncher(client), options, time);
}
