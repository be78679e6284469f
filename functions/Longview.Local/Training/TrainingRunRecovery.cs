using Longview.Core.Training.Runs;

namespace Longview.Local.Training;

/// <summary>
/// At start-up, before the scheduler, the first model or the API can start a run: a run this host left queued or running
/// died with its process (runs are in-process here), so it is marked failed with the reason instead of staying
/// "running" forever and blocking the next start.
/// </summary>
public sealed class TrainingRunRecovery(TrainingRuns runs, ILogger<TrainingRunRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var marked = await runs.RecoverAsync("the process stopped (found at start-up)", cancellationToken);
            foreach (var runId in marked)
            {
                logger.LogWarning("Training run {RunId} was in progress when the process stopped: marked failed (abandoned)", runId);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Serving must start even when the run store is unreadable; the run lease still unblocks training later.
            logger.LogError(ex, "Could not recover the training runs left by the previous process");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
