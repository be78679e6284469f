using System.Runtime.CompilerServices;
using Longview.Core.Events;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Serving.Models;
using Longview.Core.Training;
using Longview.Core.Training.Jobs;
using Longview.Core.Training.Promotion;
using Longview.Core.Training.Runs;
using Longview.Core.Workflows;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Folder;
using Longview.Infrastructure.Tests.Onnx;
using Longview.Infrastructure.Training;
using Longview.Core.Training.Steps;
using Longview.Infrastructure.Onnx;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Training;

/// <summary>Skips when Debian's torch or the training job is missing, saying which.</summary>
public sealed class TrainingJobFactAttribute : FactAttribute
{
    public TrainingJobFactAttribute()
    {
        Skip = TinyModels.Unavailable ?? TrainedModel.Unavailable;
    }
}

/// <summary>
/// The whole self-hosted pipeline for real: profiles -> streamed snapshot in a folder blob store -> the real Python job
/// as a child process (2 epochs, tiny dims) -> metrics -> promotion -> <c>models/current.json</c>.
/// </summary>
public sealed class LocalPipelineEndToEndTests
{
    private static readonly List<string> TinyJob =
        ["--dim", "16", "--blocks", "1", "--max-len", "10", "--max-epochs", "2", "--threads", "1", "--batch-size", "16"];

    [TrainingJobFact]
    public async Task A_first_run_trains_promotes_and_the_csharp_evaluator_reproduces_the_jobs_holdout_metrics()
    {
        using var folder = new TestFolder();
        using var blobs = new FolderBlobStore(Options.Create(new EmbeddedStoreOptions { DataFolder = folder.Path }), NullLogger<FolderBlobStore>.Instance);
        var pipelineOptions = Options.Create(new TrainingPipelineOptions { SnapshotPartUsers = 25, PollInterval = TimeSpan.FromMilliseconds(500), Timeout = TimeSpan.FromMinutes(8) });
        using var runner = new LocalProcessJobRunner(blobs, Options.Create(new LocalProcessJobOptions
        {
            TrainingSourceFolder = Path.Combine(TinyModels.RepositoryRoot(), "training"),
            WorkFolder = Path.Combine(folder.Path, "work"),
            Timeout = TimeSpan.FromMinutes(8),
        }), NullLogger<LocalProcessJobRunner>.Instance);
        var evaluator = new OnnxChampionEvaluator(blobs, Options.Create(new OnnxModelOptions()), NullLogger<OnnxChampionEvaluator>.Instance);
        var runs = new BlobTrainingRunStore(blobs, pipelineOptions);
        var writer = new ProfileSnapshotWriter(new TinyPopulation(users: 60, items: 20, length: 12), blobs, Options.Create(new SnapshotWriterOptions()), NullLogger<ProfileSnapshotWriter>.Instance);
        IWorkflowStep[] steps =
        [
            new SnapshotPartStep(writer, pipelineOptions), new SnapshotCommitStep(writer, pipelineOptions), new StartJobStep(runner), new JobStatusStep(runner), new StopJobStep(runner),
            new ReadCandidateStep(blobs), new ReadChampionStep(blobs, pipelineOptions), new EvaluateChampionStep(evaluator),
            new PromoteStep(blobs, pipelineOptions), new SaveRunStep(runs),
        ];
        var context = new InProcessWorkflowContext(steps, TimeProvider.System);
        var queued = new TrainingRunRecord { RunId = TrainingRunIds.Create(DateTimeOffset.UtcNow, Guid.NewGuid()), Trigger = "test", RequestedAt = DateTimeOffset.UtcNow, JobArguments = TinyJob };

        var run = await new TrainingPipeline().RunAsync(context, new TrainingPipelineInput(queued, TrainingRunSettings.Capture(pipelineOptions.Value, TinyJob)));

        Assert.True(run.Status == TrainingRunStatus.Promoted, $"run ended {run.Status}: {run.Reason}");
        var pointerBlob = await blobs.GetAsync("models", "current.json");
        Assert.True(ModelPointer.TryParse(pointerBlob!.Content, "models", out var pointer, out _));
        Assert.Equal(run.CandidateVersion, pointer.Version);
        foreach (var file in new[] { "model.onnx", "manifest.json", "metrics.json", "churn.onnx" })
        {
            Assert.NotNull(await blobs.OpenReadAsync("models", pointer.Path + file));
        }
        Assert.NotNull(await blobs.GetAsync("training", $"{run.RunId}/output/job.log"));
        var stored = await runs.GetAsync(run.RunId, CancellationToken.None);
        Assert.Equal(TrainingRunStatus.Promoted, stored!.Status);
        Assert.Equal(60, stored.Snapshot!.Users);

        // The champion evaluator on the same snapshot must give the job's own test figures for the same model.
        var tally = new ChampionEvaluationTally();
        tally.Add(await evaluator.EvaluateAsync(pointer.Version, pointer.Path, new BlobLocation(stored.Snapshot.Container, stored.Snapshot.Name), 0, int.MaxValue, CancellationToken.None));
        var evaluated = tally.Metrics();
        Assert.Equal(run.CandidateMetrics!.NdcgAt10, evaluated.NdcgAt10, 4);
        Assert.Equal(run.CandidateMetrics.CoverageAt10, evaluated.CoverageAt10, 4);
    }

    /// <summary>Users walking the catalogue in strides, so the sequences have a pattern a model can pick up.</summary>
    private sealed class TinyPopulation(int users, int items, int length) : IProfileStore
    {
        public async IAsyncEnumerable<UserProfile> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var aggregator = new ProfileAggregator(new ProfileLimits());
            var start = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
            for (var u = 0; u < users; u++)
            {
                var profile = ProfileAggregator.NewProfile($"u{u}");
                var stride = 1 + (u % 3);
                for (var k = 0; k < length; k++)
                {
                    var item = (u + (k * stride)) % items;
                    aggregator.Apply(profile, new UserEvent($"{u}-{k}", profile.UserId, $"i{item}", EventType.Rating, start.AddDays(u % 20).AddHours(k), 4), []);
                }
                yield return profile;
            }
            await Task.CompletedTask;
        }

        public Task<StoredProfile?> GetAsync(string userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, StoredProfile>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task RecordErasureAsync(Longview.Core.Erasure.ErasureRecord erasure, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetErasuresAsync(IReadOnlyCollection<string> userIdHashes, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(new Dictionary<string, DateTimeOffset>());
    }
}
