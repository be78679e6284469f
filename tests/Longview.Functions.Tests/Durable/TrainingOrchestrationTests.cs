using System.Text.Json;
using Longview.Core.Serialization;
using Longview.Core.Serving.Models;
using Longview.Core.Training.Jobs;
using Longview.Core.Training.Runs;
using Longview.Core.Training.Steps;
using Longview.Core.Ports;
using Longview.Functions.Training;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Functions.Tests.Durable;

/// <summary>
/// The training orchestration of the Functions app on the Durable Task in-process test host: the app's orchestrator and
/// activities, the real Core steps, embedded stores; each path ends in a completed instance and a saved run record.
/// </summary>
public sealed class TrainingOrchestrationTests
{
    private static readonly (string, string, string, string)[] History =
    [
        ("u1", "m1", "view", "2026-11-20T10:00:00Z"), ("u1", "m2", "click", "2026-11-20T10:01:00Z"), ("u1", "m3", "view", "2026-11-21T10:00:00Z"),
        ("u2", "m2", "view", "2026-11-20T11:00:00Z"), ("u2", "m3", "purchase", "2026-11-21T11:00:00Z"), ("u2", "m1", "view", "2026-11-22T11:00:00Z"),
        ("u3", "m3", "view", "2026-11-22T12:00:00Z"), ("u3", "m1", "like", "2026-11-22T12:05:00Z"), ("u3", "m2", "view", "2026-11-23T12:00:00Z"),
    ];

    [Fact]
    public async Task A_first_candidate_is_promoted_and_the_pointer_names_it()
    {
        await using var app = await DurableAppHost.StartAsync();
        await app.IngestAsync(History);

        var (instance, run) = await RunAsync(app);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.True(run.Status == TrainingRunStatus.Promoted, $"{run.Status}: {run.Reason}");
        Assert.Equal("v2", (await PointerAsync(app))?.Version);
        Assert.NotNull(await app.Blobs.GetAsync("models", "v2/model.onnx"));
        Assert.Equal(3, run.Snapshot?.Users);
        Assert.Contains("(2 parts)", run.Steps.Single(s => s.Name == "snapshot").Detail, StringComparison.Ordinal);
        Assert.Equal(["u1", "u2", "u3"], await SnapshotUsersAsync(app, run.Snapshot!.Container, run.Snapshot.Name));
        Assert.Single(app.Runner.Started);
        Assert.Equal(TrainingRunStatus.Promoted, (await StoredAsync(app, run.RunId))?.Status);
    }

    /// <summary>The user ids of the committed snapshot, read whole through one GZipStream (its parts are gzip members).</summary>
    private static async Task<List<string>> SnapshotUsersAsync(DurableAppHost app, string container, string name)
    {
        await using var blob = (await app.Blobs.OpenReadAsync(container, name))!;
        await using var gzip = new System.IO.Compression.GZipStream(blob, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var users = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            users.Add(json.RootElement.GetProperty("userId").GetString()!);
        }
        return users;
    }

    [Fact]
    public async Task A_candidate_that_does_not_beat_the_champion_is_rejected_and_the_champion_stays()
    {
        await using var app = await DurableAppHost.StartAsync();
        await app.IngestAsync(History);
        await ChampionServesAsync(app, "v1", ndcg: 0.40);
        app.Evaluator.ChampionNdcg = 0.40;
        app.Runner.CandidateNdcg = 0.30;

        var (instance, run) = await RunAsync(app);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.True(run.Status == TrainingRunStatus.Rejected, $"{run.Status}: {run.Reason}");
        Assert.Equal("v1", run.ChampionVersion);
        Assert.Equal(2, app.Evaluator.Slices);
        Assert.Equal(0.40, run.ChampionMetrics!.NdcgAt10, 9);
        Assert.Equal("v1", (await PointerAsync(app))?.Version);
        Assert.Contains("not promoted", run.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_that_cannot_start_fails_the_run_after_the_declared_retries()
    {
        await using var app = await DurableAppHost.StartAsync();
        await app.IngestAsync(History);
        app.Runner.FailStarts(int.MaxValue);

        var (instance, run) = await RunAsync(app);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(TrainingRunStatus.Failed, run.Status);
        Assert.Equal("start-job", run.Steps[^1].Name);
        Assert.Contains("could not be started", run.Reason, StringComparison.Ordinal);
        Assert.Equal(DurableAppHost.QuickRetry().MaxAttempts, app.Runner.StartAttempts);
        Assert.Null(await PointerAsync(app));
        Assert.Equal(TrainingRunStatus.Failed, (await StoredAsync(app, run.RunId))?.Status);
    }

    [Fact]
    public async Task A_job_that_outlives_the_timeout_is_stopped_and_the_run_fails()
    {
        await using var app = await DurableAppHost.StartAsync(options => options.Timeout = TimeSpan.FromSeconds(1));
        await app.IngestAsync(History);
        app.Runner.State = TrainingJobState.Running;

        var (instance, run) = await RunAsync(app);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(TrainingRunStatus.Failed, run.Status);
        Assert.Contains("timed out", run.Reason, StringComparison.Ordinal);
        Assert.Equal([run.ExecutionId!], app.Runner.Stopped);
        Assert.Null(await PointerAsync(app));
    }

    [Fact]
    public async Task A_transient_failure_of_an_activity_is_retried_and_the_run_is_promoted()
    {
        await using var app = await DurableAppHost.StartAsync();
        await app.IngestAsync(History);
        // The candidate's metrics cannot be read the first two times (storage hiccup): TrainingReadCandidate retries.
        app.Blobs.FailReads("output/metrics.json", 2);

        var (instance, run) = await RunAsync(app);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.True(run.Status == TrainingRunStatus.Promoted, $"{run.Status}: {run.Reason}");
        Assert.Equal(2, app.Blobs.FailuresInjected);
        Assert.Equal("v2", (await PointerAsync(app))?.Version);
    }

    [Fact]
    public async Task A_start_job_activity_executed_twice_starts_one_job()
    {
        await using var app = await DurableAppHost.StartAsync();
        await app.IngestAsync(History);
        // The first execution of TrainingStartJob starts the job and loses its answer; the retry runs the activity again.
        app.Runner.LoseStartAnswers(1);

        var (instance, run) = await RunAsync(app);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.True(run.Status == TrainingRunStatus.Promoted, $"{run.Status}: {run.Reason}");
        Assert.Equal(1, app.Runner.StartAttempts);
        Assert.Equal("lv-train-1", run.ExecutionId);
    }

    [Fact]
    public async Task A_promote_activity_executed_twice_after_its_pointer_write_records_the_run_promoted()
    {
        await using var app = await DurableAppHost.StartAsync();
        await app.IngestAsync(History);
        // The first execution of TrainingPromote writes the pointer and loses its answer; the second finds it written.
        app.Blobs.LoseWriteAnswers("current.json", 1);

        var (instance, run) = await RunAsync(app);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.True(run.Status == TrainingRunStatus.Promoted, $"{run.Status}: {run.Reason}");
        Assert.Equal(1, app.Blobs.FailuresInjected);
        Assert.Equal("v2", (await PointerAsync(app))?.Version);
    }

    [Fact]
    public async Task Snapshot_part_and_commit_activities_executed_twice_still_give_every_user_once()
    {
        await using var app = await DurableAppHost.StartAsync();
        await app.IngestAsync(History);
        // The first part stages its block and loses its answer (so it runs again and restages the same block); the
        // commit then commits and loses its answer (so it commits the same list again).
        app.Blobs.LoseWriteAnswers("snapshot.ndjson.gz", 1);
        app.Blobs.LoseCommitAnswers("snapshot.ndjson.gz", 1);

        var (instance, run) = await RunAsync(app);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.True(run.Status == TrainingRunStatus.Promoted, $"{run.Status}: {run.Reason}");
        Assert.Equal(2, app.Blobs.FailuresInjected);
        Assert.Equal(3, run.Snapshot?.Users);
        Assert.Equal(["u1", "u2", "u3"], await SnapshotUsersAsync(app, run.Snapshot!.Container, run.Snapshot.Name));
    }

    [Fact]
    public async Task A_second_start_while_a_run_is_active_answers_that_run()
    {
        await using var app = await DurableAppHost.StartAsync();
        await app.IngestAsync(History);
        app.Runner.State = TrainingJobState.Running;
        var runs = app.Runs();

        var first = await runs.StartAsync("api", null, CancellationToken.None);
        var second = await runs.StartAsync("schedule", null, CancellationToken.None);

        Assert.Equal(first.RunId, second.RunId);
        app.Runner.State = TrainingJobState.Succeeded;
        var instance = await app.WaitAsync(first.RunId);
        Assert.Equal(TrainingRunStatus.Promoted, instance.ReadOutputAs<TrainingRunRecord>()!.Status);
        var third = await runs.StartAsync("api", null, CancellationToken.None);
        Assert.NotEqual(first.RunId, third.RunId);
        await app.WaitAsync(third.RunId);
    }

    private static async Task<(OrchestrationMetadata Instance, TrainingRunRecord Run)> RunAsync(DurableAppHost app)
    {
        var queued = await app.Runs().StartAsync("test", null, CancellationToken.None);
        var instance = await app.WaitAsync(queued.RunId);
        Assert.True(instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{instance.RuntimeStatus}: {instance.FailureDetails?.ErrorMessage}");
        return (instance, instance.ReadOutputAs<TrainingRunRecord>()!);
    }

    private static Task<TrainingRunRecord?> StoredAsync(DurableAppHost app, string runId) =>
        app.Services.GetRequiredService<ITrainingRunStore>().GetAsync(runId, CancellationToken.None);

    private static async Task<ModelPointer?> PointerAsync(DurableAppHost app)
    {
        var blob = await app.Services.GetRequiredService<IBlobStore>().GetAsync("models", "current.json");
        return blob is not null && ModelPointer.TryParse(blob.Content, "models", out var pointer, out _) ? pointer : null;
    }

    private static async Task ChampionServesAsync(DurableAppHost app, string version, double ndcg)
    {
        var blobs = app.Services.GetRequiredService<IBlobStore>();
        using var metrics = JsonDocument.Parse(FakeJobRunner.MetricsJson(version, ndcg));
        var pointer = new ModelPointer(version, $"models/{version}/", DateTimeOffset.UtcNow.AddDays(-1), metrics.RootElement.Clone());
        await blobs.PutAsync("models", $"{version}/model.onnx", "model"u8.ToArray());
        await blobs.PutAsync("models", "current.json", JsonSerializer.SerializeToUtf8Bytes(pointer, LongviewJson.Options));
    }
}
