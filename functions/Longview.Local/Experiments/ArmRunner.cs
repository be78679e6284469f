using System.Diagnostics;
using Longview.Api.Pages;
using Longview.Core.Ingestion;
using Longview.Core.Ports;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;
using Longview.Core.Serving;
using Longview.Core.Serving.Catalog;
using Longview.Core.Serving.Popularity;
using Longview.Core.Simulation.ClosedLoop;
using Longview.Infrastructure.Onnx;
using Longview.Local.Hosting;
using Longview.Local.Serving;
using Longview.Local.Training;
using Longview.Core.Training.Runs;
using Microsoft.Extensions.Options;

namespace Longview.Local.Experiments;

/// <summary>
/// Runs one arm on one seeded population in a fresh embedded data folder: the same composition as <c>serve</c>
/// (SQLite profiles and catalogue, folder blob store holding the model, ONNX provider, RecommendationService,
/// EventIngestion), on a simulated clock; then the retention job stores the arm's reports in that folder
/// (<c>longview serve --data FOLDER</c> shows them at /retention) and the page is written beside it.
/// </summary>
public sealed class ArmRunner(ExperimentWorld world, UserModelOptions userModel, string? modelFolder, TextWriter? log = null, LogLevel logLevel = LogLevel.Warning)
{
    /// <summary>Exact-day retention read for calibration: days 1..30.</summary>
    public static readonly int[] CalibrationDays = [.. Enumerable.Range(1, 30)];

    public const string PageFile = "retention.html";

    public async Task<ArmSeedResult> RunAsync(ExperimentArm arm, ClosedLoopOptions loop, string dataFolder, IProgress<(int Sessions, DateTimeOffset Now)>? progress, CancellationToken cancellationToken)
    {
        if (arm.UsesModel && modelFolder is null)
        {
            throw new ArgumentException($"arm '{arm.Name}' needs a model: give --model");
        }
        var stopwatch = Stopwatch.StartNew();
        Directory.CreateDirectory(dataFolder);
        var clock = new SimulatedClock(loop.Start);
        var retrain = loop.RetrainEveryDays is not null && arm.UsesModel;
        var collection = new ServiceCollection()
            .AddLogging(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(logLevel))
            .AddSingleton<TimeProvider>(clock)
            // The real dataset's popularity, fixed, so every arm's fallback ranks the same items (no arm feeds it).
            .AddSingleton<IPopularitySource>(new FixedPopularitySource(world.Popularity))
            .AddLongviewLocal(dataFolder)
            .AddOnnxServing(recommendations: options => Apply(arm.Options(), options))
            // The catalogue does not change during a run: rebuilding its snapshot every simulated minute would only cost time.
            .Configure<CatalogSnapshotOptions>(options => options.RefreshInterval = TimeSpan.FromDays(ClosedLoopOptions.MaxDays + 1));
        if (retrain)
        {
            collection.AddLongviewLocalTraining(dataFolder);
        }
        await using var services = collection.BuildServiceProvider();

        await services.GetRequiredService<IItemCatalog>().UpsertManyAsync(world.Items, cancellationToken);
        if (arm.UsesModel)
        {
            var version = await ModelFolderInstaller.InstallAsync(services.GetRequiredService<IBlobStore>(), modelFolder!, clock.Now, cancellationToken);
            var outcome = await services.GetRequiredService<OnnxModelProvider>().RefreshAsync(cancellationToken);
            if (outcome != ModelRefreshOutcome.Loaded)
            {
                throw new InvalidOperationException($"model {version} from {modelFolder} was not loaded ({outcome})");
            }
        }

        // Retraining applies to the model arms only: the popularity arm has no model to retrain.
        var retraining = retrain
            ? new PipelineRetraining(services.GetRequiredService<TrainingRuns>(), services.GetRequiredService<InProcessTrainingLauncher>(),
                services.GetRequiredService<OnnxModelProvider>(), services.GetRequiredService<IOptions<LocalTrainingOptions>>().Value.FirstModelJobArguments, log ?? TextWriter.Null)
            : null;
        if (!retrain)
        {
            loop = loop.WithoutRetraining();
        }
        var simulation = new ClosedLoopSimulation(loop, userModel, world.Prior, world.Features,
            new ServicePolicy(services.GetRequiredService<RecommendationService>()), services.GetRequiredService<EventIngestion>(), clock, retraining);
        var result = await simulation.RunAsync(progress, cancellationToken);

        // Retention as of the last simulated day, by the product's own retention code over the arm's store.
        clock.AdvanceTo(loop.End);
        var asOf = DateOnly.FromDateTime(loop.End.UtcDateTime).AddDays(-1);
        var reports = await services.GetRequiredService<RetentionJob>().RunAsync(asOf, cancellationToken);
        var exact = await new RetentionCalculator(services.GetRequiredService<IProfileStore>(), new RetentionOptions { Days = CalibrationDays }, new RetentionJobOptions(), clock)
            .ComputeAsync(asOf, cancellationToken);
        await WritePageAsync(services.GetRequiredService<RetentionReportQuery>(), Path.Combine(dataFolder, PageFile), cancellationToken);

        return new ArmSeedResult(arm.Name, loop.Seed, result.Users.Count,
            PooledRetention.Rate(reports.Daily, 1), PooledRetention.Rate(reports.Daily, 7), PooledRetention.Rate(reports.Daily, 30),
            result.SessionsPerUser, result.ItemsConsumedPerUser, result.DistinctGenresPerUser,
            result.Users.Count(u => u.Churned) / (double)result.Users.Count, result.EventsIngested, stopwatch.Elapsed.TotalSeconds, dataFolder,
            [.. CalibrationDays.Select(d => PooledRetention.Rate(exact.Daily, d))], retraining?.Outcomes ?? []);
    }

    private static async Task WritePageAsync(RetentionReportQuery query, string path, CancellationToken cancellationToken)
    {
        var daily = await query.GetAsync(ReportKind.Daily, ReportRange.All, cancellationToken);
        var monthly = await query.GetAsync(ReportKind.Monthly, ReportRange.All, cancellationToken);
        var activity = await query.GetAsync(ReportKind.Activity, ReportRange.All, cancellationToken);
        await File.WriteAllTextAsync(path, ReportPage.Render(daily, monthly, activity, lifecycle: null), cancellationToken);
    }

    private static void Apply(RecommendationOptions source, RecommendationOptions target)
    {
        target.Weights = source.Weights;
        target.DefaultWeights = source.DefaultWeights;
    }
}
