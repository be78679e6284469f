using System.Globalization;
using Longview.Core.Training.Jobs;
using Longview.Core.Training.Promotion;
using Longview.Core.Training.Runs;
using Longview.Core.Training.Snapshot;
using Longview.Core.Training.Steps;
using Longview.Core.Workflows;

namespace Longview.Core.Training;

/// <summary>
/// The training workflow, written once for both hosts: snapshot, start the job, monitor it with a timer, read its
/// metrics, compare with the champion on the same holdout, promote by a conditional pointer write, and record the run.
/// Deterministic: time comes from the context, settings from the input (captured when the run was queued), and every
/// side effect is a step; the idempotent steps are called with the run's <see cref="StepRetry"/>, so one transient
/// storage or ARM error does not end the run. Every failure ends the run with a reason and leaves the champion as it was.
/// </summary>
public sealed class TrainingPipeline
{
    public async Task<TrainingRunRecord> RunAsync(IWorkflowContext context, TrainingPipelineInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var run = input.Run;
        var started = context.UtcNow;
        try
        {
            return await RunStepsAsync(context, run, input.Settings);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && run.Status == TrainingRunStatus.Running)
        {
            // A step failed in a way the flow does not name (store down while reading metrics...): end the run anyway.
            return await Fail(context, run, input.Settings.StepRetry, "unexpected", started, $"run failed: {ex.Message}");
        }
    }

    private static async Task<TrainingRunRecord> RunStepsAsync(IWorkflowContext context, TrainingRunRecord run, TrainingRunSettings settings)
    {
        var retry = settings.StepRetry;
        var policy = new PromotionPolicy(settings.Promotion);
        run.Status = TrainingRunStatus.Running;
        run.StartedAt = context.UtcNow;
        await Save(context, run, retry);

        // 1. Snapshot.
        var started = context.UtcNow;
        SnapshotSummary snapshot;
        var parts = 0;
        try
        {
            // In parts, so no activity outlives the host's time limit however many users the store holds; the commit
            // makes the blob appear whole, and a retried part restages its own block.
            long users = 0, events = 0;
            string? continuation = null;
            do
            {
                var part = await context.CallAsync<SnapshotPartRequest, SnapshotPart>(TrainingSteps.SnapshotPart,
                    new SnapshotPartRequest(run.RunId, parts, continuation, settings.SnapshotPartUsers, users), retry);
                parts++;
                users += part.Users;
                events += part.Events;
                if (part.Continuation is not null && part.Continuation == continuation)
                {
                    // A scan that stops moving would schedule parts forever; fail the run instead.
                    throw new InvalidOperationException($"snapshot part {parts - 1} made no progress (the same continuation again)");
                }
                continuation = part.Continuation;
            }
            while (continuation is not null);
            snapshot = await context.CallAsync<SnapshotCommitRequest, SnapshotSummary>(TrainingSteps.SnapshotCommit,
                new SnapshotCommitRequest(run.RunId, parts, users, events), retry);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await Fail(context, run, retry, "snapshot", started, $"snapshot failed: {ex.Message}");
        }
        run.Snapshot = snapshot;
        if (snapshot.Users == 0)
        {
            return await Fail(context, run, retry, "snapshot", started, "snapshot is empty: the profile store has no users to train on");
        }
        Step(context, run, "snapshot", started, true, $"{snapshot.Users} users, {snapshot.Events} events in {snapshot.Container}/{snapshot.Name} ({parts} parts)");
        await Save(context, run, retry);

        // 2. Start the job.
        var output = new BlobLocation(settings.TrainingContainer, $"{run.RunId}/output/");
        var request = new TrainingJobRequest(run.RunId, new BlobLocation(snapshot.Container, snapshot.Name), output, settings.JobArguments, settings.JobEnvironment);
        started = context.UtcNow;
        try
        {
            // Idempotent: the step first looks for the execution it already started for this run.
            run.ExecutionId = await context.CallAsync<TrainingJobRequest, string>(TrainingSteps.StartJob, request, retry);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await Fail(context, run, retry, "start-job", started, $"the training job could not be started: {ex.Message}");
        }
        Step(context, run, "start-job", started, true, $"execution {run.ExecutionId}");
        await Save(context, run, retry);

        // 3. Monitor until it ends or the time is up.
        started = context.UtcNow;
        var deadline = started + settings.Timeout;
        var polls = 0;
        while (true)
        {
            TrainingJobStatus status;
            try
            {
                status = await context.CallAsync<string, TrainingJobStatus>(TrainingSteps.JobStatus, run.ExecutionId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed poll is not a failed job: try again at the next tick, within the same deadline.
                status = new TrainingJobStatus(TrainingJobState.Running, $"status unavailable: {ex.Message}");
            }
            polls++;
            if (status.State == TrainingJobState.Succeeded)
            {
                Step(context, run, "monitor", started, true, $"succeeded after {polls} polls");
                break;
            }
            if (status.State == TrainingJobState.Failed)
            {
                return await Fail(context, run, retry, "monitor", started, $"training job failed: {status.Detail ?? "no detail"}");
            }
            var now = context.UtcNow;
            if (now >= deadline)
            {
                var stopped = "stopped";
                try
                {
                    await context.CallAsync<string, bool>(TrainingSteps.StopJob, run.ExecutionId, retry);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    stopped = $"stopping it failed: {ex.Message}";
                }
                return await Fail(context, run, retry, "monitor", started, $"training job timed out after {Format(settings.Timeout)} ({polls} polls; {stopped})");
            }
            var next = now + settings.PollInterval;
            await context.WaitUntilAsync(next < deadline ? next : deadline);
        }

        // 4. Read the candidate's metrics.
        started = context.UtcNow;
        var candidate = await context.CallAsync<BlobLocation, CandidateReport>(TrainingSteps.ReadCandidate, output, retry);
        if (candidate.Error is not null || candidate.Metrics is null || candidate.Version is null)
        {
            return await Fail(context, run, retry, "read-metrics", started, $"candidate metrics unusable: {candidate.Error ?? "no metrics"}");
        }
        run.CandidateVersion = candidate.Version;
        run.CandidateMetrics = candidate.Metrics;
        Step(context, run, "read-metrics", started, true, $"candidate {candidate.Version}: NDCG@10 {F(candidate.Metrics.NdcgAt10)}");

        // 5. The champion on the same holdout.
        started = context.UtcNow;
        var champion = await context.CallAsync<string, ChampionReport>(TrainingSteps.ReadChampion, "current", retry);
        run.ChampionVersion = champion.Version;
        ModelMetrics? championMetrics = null;
        if (champion.Version is not null && champion.Path is not null)
        {
            try
            {
                // In slices, so no activity outlives the host's time limit however large the snapshot.
                var tally = new ChampionEvaluationTally();
                for (long next = 0; ;)
                {
                    var part = await context.CallAsync<ChampionEvaluationRequest, ChampionEvaluationPart>(TrainingSteps.EvaluateChampion,
                        new ChampionEvaluationRequest(champion.Version, champion.Path, request.Snapshot, next, settings.EvaluationSliceUsers), retry);
                    tally.Add(part);
                    if (part.Done)
                    {
                        break;
                    }
                    next = part.NextUser;
                }
                var evaluated = tally.Metrics();
                // Churn metrics need time-based labels the C# evaluator does not build: take the champion's recorded ones.
                championMetrics = evaluated with
                {
                    ChurnAuc = champion.RecordedMetrics?.ChurnAuc,
                    ChurnBrier = champion.RecordedMetrics?.ChurnBrier,
                    ChurnEce = champion.RecordedMetrics?.ChurnEce,
                };
                run.ChampionMetricsSource = "ranking metrics evaluated on this run's snapshot holdout; churn AUC, Brier and ECE as recorded at its promotion";
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                championMetrics = champion.RecordedMetrics;
                run.ChampionMetricsSource = championMetrics is null
                    ? $"no metrics: evaluation failed ({ex.Message}) and none were recorded"
                    : $"as recorded at its promotion (another holdout): evaluation on this snapshot failed ({ex.Message})";
            }
        }
        run.ChampionMetrics = championMetrics;
        Step(context, run, "evaluate-champion", started, true, champion.Version is null
            ? champion.Problem is null ? "no champion" : $"no usable champion: {champion.Problem}"
            : $"champion {champion.Version}: NDCG@10 {F(championMetrics?.NdcgAt10)} ({run.ChampionMetricsSource})");
        await Save(context, run, retry);

        // 6. Decide.
        var decision = champion.Version is not null && championMetrics is null
            ? new PromotionDecision(true, $"champion {champion.Version} has no comparable metrics; the measured candidate replaces it")
            : policy.Decide(candidate.Metrics, championMetrics);
        run.Decision = decision;
        if (!decision.Promote)
        {
            run.Status = TrainingRunStatus.Rejected;
            run.Reason = $"candidate {candidate.Version} not promoted: {decision.Reason}";
            Step(context, run, "decide", context.UtcNow, true, run.Reason);
            return await Finish(context, run, retry);
        }
        Step(context, run, "decide", context.UtcNow, true, $"promote: {decision.Reason}");

        // 7. Promote.
        started = context.UtcNow;
        PromotionResult promotion;
        try
        {
            // Idempotent: a pointer that already names this version (a re-run after a successful write) is success.
            promotion = await context.CallAsync<PromotionRequest, PromotionResult>(TrainingSteps.Promote,
                new PromotionRequest(candidate.Version, output, champion.ETag, candidate.RawMetrics, context.UtcNow), retry);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return await Fail(context, run, retry, "promote", started, $"promotion failed: {ex.Message}");
        }
        if (!promotion.Promoted)
        {
            return await Fail(context, run, retry, "promote", started, $"not promoted: {promotion.Problem}");
        }
        Step(context, run, "promote", started, true, $"models/current.json now names {candidate.Version}");
        run.Status = TrainingRunStatus.Promoted;
        run.Reason = $"candidate {candidate.Version} promoted: {decision.Reason}";
        return await Finish(context, run, retry);
    }

    private static void Step(IWorkflowContext context, TrainingRunRecord run, string name, DateTimeOffset started, bool succeeded, string detail) =>
        run.Steps.Add(new TrainingStepRecord(name, started, context.UtcNow, succeeded, detail));

    private static async Task<TrainingRunRecord> Fail(IWorkflowContext context, TrainingRunRecord run, StepRetry retry, string step, DateTimeOffset started, string reason)
    {
        Step(context, run, step, started, false, reason);
        run.Status = TrainingRunStatus.Failed;
        run.Reason = reason;
        return await Finish(context, run, retry);
    }

    private static async Task<TrainingRunRecord> Finish(IWorkflowContext context, TrainingRunRecord run, StepRetry retry)
    {
        run.EndedAt = context.UtcNow;
        await Save(context, run, retry);
        return run;
    }

    private static Task<bool> Save(IWorkflowContext context, TrainingRunRecord run, StepRetry retry) =>
        context.CallAsync<TrainingRunRecord, bool>(TrainingSteps.SaveRun, run, retry);

    private static string F(double? value) => value is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "n/a";

    private static string Format(TimeSpan span) => span.ToString("c", CultureInfo.InvariantCulture);
}
