using System.Text;
using System.Text.Json;
using Longview.Core.Ports;
using Longview.Core.Serialization;
using Longview.Core.Serving.Models;
using Longview.Core.Training;
using Longview.Core.Training.Jobs;
using Longview.Core.Training.Promotion;
using Longview.Core.Training.Runs;
using Longview.Core.Training.Snapshot;
using Longview.Core.Training.Steps;
using Longview.Core.Workflows;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Training;

/// <summary>The pipeline wired in-process over a memory blob store, a scripted runner and a stepping clock.</summary>
internal sealed class PipelineHarness
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);

    public MemoryBlobStore Blobs { get; } = new();

    public SteppingTimeProvider Time { get; } = new(Start);

    public ScriptedJobRunner Runner { get; }

    public TrainingPipelineOptions Options { get; } = new() { PollInterval = TimeSpan.FromMinutes(1), Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>The champion's metrics on the run's holdout; null = no evaluator registered (recorded metrics are used).</summary>
    public ModelMetrics? ChampionOnHoldout { get; set; }

    public Action? DuringChampionEvaluation { get; set; }

    public long SnapshotUsers { get; set; } = 3;

    /// <summary>Where the run's outcome is counted; null = a meter nobody listens to.</summary>
    public Longview.Core.Telemetry.LongviewMetrics? Metrics { get; set; }

    /// <summary>Every snapshot part call, in order (retries included).</summary>
    public List<SnapshotPartRequest> SnapshotParts { get; } = [];

    /// <summary>Parts after the first answer the continuation they were given: a store scan that stopped moving.</summary>
    public bool SnapshotStuck { get; set; }

    public FakeEvaluator Evaluator => _evaluator ??= new FakeEvaluator(this);

    private FakeEvaluator? _evaluator;

    public PipelineHarness()
    {
        Runner = new ScriptedJobRunner(Blobs);
    }

    public BlobTrainingRunStore RunStore => new(Blobs, Microsoft.Extensions.Options.Options.Create(Options));

    /// <summary>The job's output for a candidate with these metrics (all five files).</summary>
    public void CandidateProduces(string version, double ndcg, double coverage, double? auc)
    {
        Runner.OutputFiles["metrics.json"] = MetricsJson(version, ndcg, coverage, auc);
        Runner.OutputFiles["manifest.json"] = Encoding.UTF8.GetBytes($$"""{"version":"{{version}}","maxLength":5,"items":[null,"a","b"]}""");
        Runner.OutputFiles["model.onnx"] = Encoding.UTF8.GetBytes("model " + version);
        Runner.OutputFiles["churn.onnx"] = Encoding.UTF8.GetBytes("churn " + version);
        Runner.OutputFiles["reference.json"] = Encoding.UTF8.GetBytes("{}");
    }

    public static byte[] MetricsJson(string version, double ndcg, double coverage, double? auc) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["version"] = version,
            ["protocol"] = "leave-one-out",
            ["test"] = new Dictionary<string, object> { ["users"] = 3, ["ndcg@10"] = ndcg, ["coverage@10"] = coverage },
            ["churn"] = new Dictionary<string, object?> { ["auc"] = auc },
        });

    /// <summary>A serving champion as an earlier promotion left it.</summary>
    public string ChampionServes(string version, double ndcg, double coverage, double? auc)
    {
        using var metrics = JsonDocument.Parse(MetricsJson(version, ndcg, coverage, auc));
        var pointer = new ModelPointer(version, $"models/{version}/", Start.AddDays(-1), metrics.RootElement.Clone());
        Blobs.Write("models", $"{version}/model.onnx", Encoding.UTF8.GetBytes("model " + version));
        return Blobs.Write("models", "current.json", JsonSerializer.SerializeToUtf8Bytes(pointer, LongviewJson.Options));
    }

    public ModelPointer? Pointer()
    {
        var bytes = Blobs.Read("models", "current.json");
        return bytes is null ? null : ModelPointer.TryParse(bytes, "models", out var p, out _) ? p : throw new InvalidOperationException("bad pointer");
    }

    public async Task<TrainingRunRecord> RunAsync()
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var steps = new List<IWorkflowStep>
        {
            new SnapshotPartStep(new FakeSnapshotWriter(this), options),
            new SnapshotCommitStep(new FakeSnapshotWriter(this), options),
            new StartJobStep(Runner),
            new JobStatusStep(Runner),
            new StopJobStep(Runner),
            new ReadCandidateStep(Blobs),
            new ReadChampionStep(Blobs, options),
            new PromoteStep(Blobs, options),
            new SaveRunStep(RunStore, Metrics),
        };
        if (ChampionOnHoldout is not null)
        {
            steps.Add(new EvaluateChampionStep(Evaluator));
        }
        var context = new InProcessWorkflowContext(steps, Time);
        var run = new TrainingRunRecord { RunId = TrainingRunIds.Create(Time.GetUtcNow(), Guid.NewGuid()), Trigger = "test", RequestedAt = Time.GetUtcNow() };
        return await new TrainingPipeline().RunAsync(context, new TrainingPipelineInput(run, TrainingRunSettings.Capture(Options, null)));
    }

    /// <summary>
    /// Users <c>u-0</c>..<c>u-{SnapshotUsers-1}</c>, one NDJSON line each, written as the real writer does: one gzip
    /// member per part staged as a block, committed through the blob store.
    /// </summary>
    private sealed class FakeSnapshotWriter(PipelineHarness harness) : ITrainingSnapshotWriter
    {
        public Task<SnapshotSummary> WriteAsync(string container, string name, CancellationToken cancellationToken) =>
            throw new NotSupportedException("the pipeline writes snapshots in parts");

        public async Task<SnapshotPart> WritePartAsync(string container, string name, SnapshotPartRequest request, CancellationToken cancellationToken)
        {
            harness.SnapshotParts.Add(request);
            harness.Time.Advance(TimeSpan.FromSeconds(5));
            if (harness.SnapshotStuck && request.Continuation is not null)
            {
                return new SnapshotPart(0, 0, request.Continuation);
            }
            var first = request.Continuation is null ? 0 : long.Parse(request.Continuation, System.Globalization.CultureInfo.InvariantCulture);
            var end = Math.Min(harness.SnapshotUsers, first + request.MaxUsers);
            using var part = new MemoryStream();
            await using (var gzip = new System.IO.Compression.GZipStream(part, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            {
                for (var user = first; user < end; user++)
                {
                    await gzip.WriteAsync(Encoding.UTF8.GetBytes($$"""{"userId":"u-{{user}}"}""" + "\n"), cancellationToken);
                }
            }
            part.Position = 0;
            await ((IBlobStore)harness.Blobs).StageBlockAsync(container, name, SnapshotBlockIds.For(request.Part), part, cancellationToken);
            var next = end < harness.SnapshotUsers ? end.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return new SnapshotPart(end - first, (end - first) * 10, next);
        }

        public Task CommitAsync(string container, string name, int parts, CancellationToken cancellationToken) =>
            ((IBlobStore)harness.Blobs).CommitBlocksAsync(container, name, SnapshotBlockIds.ForParts(parts), cancellationToken);
    }

    internal sealed class FakeEvaluator(PipelineHarness harness) : IChampionEvaluator
    {
        public List<(string Version, string Folder, BlobLocation Snapshot)> Calls { get; } = [];

        /// <summary>One slice whose tally is exactly <see cref="ChampionOnHoldout"/> (coverage as a share of 1,000 items).</summary>
        public Task<ChampionEvaluationPart> EvaluateAsync(string version, string modelFolder, BlobLocation snapshot, long firstUser, int maxUsers, CancellationToken cancellationToken)
        {
            Calls.Add((version, modelFolder, snapshot));
            harness.DuringChampionEvaluation?.Invoke();
            var metrics = harness.ChampionOnHoldout!;
            var recommended = Enumerable.Range(0, (int)Math.Round(metrics.CoverageAt10 * 1000)).Select(i => $"item-{i}").ToList();
            return Task.FromResult(new ChampionEvaluationPart(1, metrics.NdcgAt10, recommended, 1000, 1, true));
        }
    }
}
