using Longview.Core.Ports;
using Longview.Core.Training;
using Longview.Core.Training.Runs;
using Longview.Local.Hosting;
using Microsoft.Extensions.Options;

namespace Longview.Local.Training;

/// <summary>
/// On <c>serve</c> (unless <c>--no-seed</c>): when no model has been promoted yet, queue one quick training run on the data already in the store
/// (seeded or imported), so the model provider, which polls the pointer, starts serving it once it is promoted.
/// </summary>
public sealed class FirstModelTrainer(
    IBlobStore blobs, IProfileStore profiles, TrainingRuns runs, LocalHostOptions host, IOptions<TrainingPipelineOptions> pipeline, IOptions<LocalTrainingOptions> options,
    ILogger<FirstModelTrainer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // --no-seed asks the server to leave the store as it is: no automatic training either (tests run that way).
        if (!options.Value.TrainFirstModel || !host.SeedWhenEmpty)
        {
            return;
        }
        try
        {
            if (await blobs.GetAsync(pipeline.Value.ModelsContainer, pipeline.Value.PointerName, stoppingToken) is not null)
            {
                return;
            }
            // Looked at once, at start-up (after seeding): an empty store has nothing to learn from yet.
            await using var scan = profiles.ScanAsync(stoppingToken).GetAsyncEnumerator(stoppingToken);
            if (!await scan.MoveNextAsync())
            {
                logger.LogInformation("No promoted model and no profiles yet: not training a first model (POST /api/training/runs once data is in)");
                return;
            }
            var run = await runs.StartAsync("first-model", options.Value.FirstModelJobArguments, stoppingToken);
            logger.LogInformation("No promoted model yet: training a first one in the background (run {RunId}, GET /api/training/runs/{RunId})", run.RunId, run.RunId);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down before it began.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not start the first training run");
        }
    }
}
