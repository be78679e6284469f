using System.Text.Json;
using Longview.Core.Serialization;
using Longview.Core.Training;
using Longview.Core.Training.Runs;
using Longview.Core.Workflows;

namespace Longview.Local.Training;

/// <summary>
/// Runs pipeline workflows inside this process, one at a time (two trainings would fight over two cores), until the
/// host stops. A run that cannot start yet waits its turn with status "queued" (<see cref="TrainingRuns"/> keeps at most
/// one queued or running). A run in progress when the process dies is marked abandoned at the next start
/// (<see cref="TrainingRunRecovery"/>).
/// </summary>
public sealed class InProcessTrainingLauncher(
    TrainingPipeline pipeline, IEnumerable<IWorkflowStep> steps, ITrainingRunStore store, TimeProvider time, ILogger<InProcessTrainingLauncher> logger)
    : ITrainingRunLauncher, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly Lock _gate = new();
    private readonly List<Task> _running = [];
    private readonly IReadOnlyList<IWorkflowStep> _steps = steps.ToList();
    private int _disposed;

    public Task LaunchAsync(TrainingPipelineInput input, CancellationToken cancellationToken)
    {
        // The workflow gets its own copy of the input, as Durable's serialised input is: the caller's record (what
        // POST answers, "queued") must not change under it while the run starts.
        var copy = JsonSerializer.Deserialize<TrainingPipelineInput>(JsonSerializer.SerializeToUtf8Bytes(input, LongviewJson.Options), LongviewJson.Options)!;
        var task = Task.Run(() => RunAsync(copy));
        lock (_gate)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(task);
        }
        return Task.CompletedTask;
    }

    /// <summary>Completes when every launched run has ended (tests, shutdown).</summary>
    public Task WhenIdle()
    {
        lock (_gate)
        {
            return Task.WhenAll(_running.ToArray());
        }
    }

    private async Task RunAsync(TrainingPipelineInput input)
    {
        var run = input.Run;
        var token = _stopping.Token;
        try
        {
            await _oneAtATime.WaitAsync(token);
            try
            {
                logger.LogInformation("Training run {RunId} ({Trigger}) starting", run.RunId, run.Trigger);
                var context = new InProcessWorkflowContext(_steps, time, token);
                var ended = await pipeline.RunAsync(context, input);
                logger.LogInformation("Training run {RunId} ended {Status}: {Reason}", ended.RunId, ended.Status, ended.Reason);
            }
            finally
            {
                _oneAtATime.Release();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            logger.LogWarning("Training run {RunId} abandoned: the host is stopping", run.RunId);
            await MarkAbandonedAsync(run);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Training run {RunId} crashed", run.RunId);
        }
    }

    private async Task MarkAbandonedAsync(TrainingRunRecord run)
    {
        try
        {
            run.Status = TrainingRunStatus.Failed;
            run.Reason = "abandoned: the host stopped while the run was in progress";
            run.EndedAt = time.GetUtcNow();
            using var shortly = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await store.SaveAsync(run, shortly.Token);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not record that run {RunId} was abandoned", run.RunId);
        }
    }

    public void Dispose()
    {
        // Registered under two service types, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _stopping.Cancel();
        try
        {
            WhenIdle().Wait(TimeSpan.FromSeconds(20));
        }
        catch (AggregateException)
        {
            // Each run logged its own failure.
        }
        _stopping.Dispose();
    }
}
