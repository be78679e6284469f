using System.Text;
using Longview.Core.Training.Jobs;
using Longview.Core.Training.Promotion;
using Longview.Core.Training.Runs;
using Longview.Core.Training.Snapshot;

namespace Longview.Core.Tests.Training;

public sealed class TrainingPipelineTests
{
    [Fact]
    public async Task First_model_promotes_and_the_pointer_names_its_copied_files()
    {
        var h = new PipelineHarness();
        h.CandidateProduces("v1", 0.05, 0.3, 0.7);

        var run = await h.RunAsync();

        Assert.Equal(TrainingRunStatus.Promoted, run.Status);
        Assert.Contains("first model", run.Reason);
        var pointer = h.Pointer();
        Assert.Equal("v1", pointer!.Version);
        Assert.Equal("v1/", pointer.Path);
        Assert.Equal(PipelineHarness.Start.AddSeconds(5), pointer.PromotedAt);
        Assert.Equal("model v1", Encoding.UTF8.GetString(h.Blobs.Read("models", "v1/model.onnx")!));
        Assert.NotNull(h.Blobs.Read("models", "v1/manifest.json"));
        Assert.NotNull(h.Blobs.Read("models", "v1/churn.onnx"));
        Assert.Equal(0.05, pointer.Metrics!.Value.GetProperty("test").GetProperty("ndcg@10").GetDouble());
        // The job was told where its input is and where its output goes.
        var request = Assert.Single(h.Runner.Started);
        Assert.Equal(new BlobLocation("training", $"{run.RunId}/snapshot.ndjson.gz"), request.Snapshot);
        Assert.Equal(new BlobLocation("training", $"{run.RunId}/output/"), request.Output);
    }

    [Fact]
    public async Task The_run_record_is_stored_with_every_step_and_its_times()
    {
        var h = new PipelineHarness();
        h.CandidateProduces("v1", 0.05, 0.3, 0.7);
        h.Runner.Statuses.Clear();
        h.Runner.Statuses.AddRange([new(TrainingJobState.Running), new(TrainingJobState.Running), new(TrainingJobState.Succeeded)]);

        var run = await h.RunAsync();
        var stored = await h.RunStore.GetAsync(run.RunId, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(TrainingRunStatus.Promoted, stored.Status);
        Assert.Equal(["snapshot", "start-job", "monitor", "read-metrics", "evaluate-champion", "decide", "promote"], stored.Steps.Select(s => s.Name));
        Assert.All(stored.Steps, s => Assert.True(s.Succeeded));
        var monitor = stored.Steps.Single(s => s.Name == "monitor");
        // Two polls said running, each followed by a one-minute timer.
        Assert.Equal(TimeSpan.FromMinutes(2), monitor.EndedAt - monitor.StartedAt);
        Assert.Equal("v1", stored.CandidateVersion);
        Assert.Equal(new ModelMetrics(0.05, 0.3, 0.7), stored.CandidateMetrics);
        Assert.True(stored.Decision!.Promote);
        Assert.Equal(stored.StartedAt!.Value.AddSeconds(5).AddMinutes(2), stored.EndedAt);
    }

    [Fact]
    public async Task A_better_candidate_on_the_same_holdout_replaces_the_champion()
    {
        var h = new PipelineHarness();
        var championETag = h.ChampionServes("v0", ndcg: 0.30, coverage: 0.3, auc: 0.70);
        // Recorded 0.30 but only 0.10 on this run's holdout: the holdout figure is what counts.
        h.ChampionOnHoldout = new ModelMetrics(0.10, 0.3, null);
        h.CandidateProduces("v1", 0.12, 0.3, 0.70);

        var run = await h.RunAsync();

        Assert.Equal(TrainingRunStatus.Promoted, run.Status);
        Assert.Equal("v1", h.Pointer()!.Version);
        Assert.Equal("v0", run.ChampionVersion);
        Assert.Equal(new ModelMetrics(0.10, 0.3, 0.70), run.ChampionMetrics);
        Assert.Contains("this run's snapshot holdout", run.ChampionMetricsSource);
        // The champion was scored on this run's snapshot, from the folder its pointer names.
        Assert.Equal([("v0", "v0/", new BlobLocation("training", $"{run.RunId}/snapshot.ndjson.gz"))], h.Evaluator.Calls);
        Assert.NotEqual(championETag, (await h.Blobs.GetAsync("models", "current.json"))!.ETag);
    }

    [Fact]
    public async Task A_worse_candidate_is_rejected_with_the_reason_and_the_champion_is_untouched()
    {
        var h = new PipelineHarness();
        h.ChampionServes("v0", 0.10, 0.3, 0.70);
        var before = h.Blobs.Read("models", "current.json");
        h.ChampionOnHoldout = new ModelMetrics(0.10, 0.3, null);
        h.CandidateProduces("v1", 0.095, 0.3, 0.70);

        var run = await h.RunAsync();

        Assert.Equal(TrainingRunStatus.Rejected, run.Status);
        Assert.False(run.Decision!.Promote);
        Assert.Contains("NDCG@10 0.095 vs champion 0.1", run.Reason);
        Assert.Equal(before, h.Blobs.Read("models", "current.json"));
        Assert.Null(h.Blobs.Read("models", "v1/model.onnx"));
    }

    [Fact]
    public async Task Without_a_holdout_evaluation_the_recorded_champion_metrics_are_used_and_said_so()
    {
        var h = new PipelineHarness();
        h.ChampionServes("v0", 0.20, 0.3, 0.70);
        h.CandidateProduces("v1", 0.12, 0.3, 0.70);

        var run = await h.RunAsync();

        Assert.Equal(TrainingRunStatus.Rejected, run.Status);
        Assert.Equal(0.20, run.ChampionMetrics!.NdcgAt10);
        Assert.Contains("as recorded at its promotion", run.ChampionMetricsSource);
    }

    [Fact]
    public async Task A_failed_job_ends_the_run_with_its_detail()
    {
        var h = new PipelineHarness();
        var championETag = h.ChampionServes("v0", 0.10, 0.3, 0.70);
        h.Runner.Statuses.Clear();
        h.Runner.Statuses.AddRange([new(TrainingJobState.Running), new(TrainingJobState.Failed, "exit code 1: snapshot has no valid user record")]);

        var run = await h.RunAsync();

        Assert.Equal(TrainingRunStatus.Failed, run.Status);
        Assert.Contains("exit code 1: snapshot has no valid user record", run.Reason);
        var last = run.Steps[^1];
        Assert.Equal("monitor", last.Name);
        Assert.False(last.Succeeded);
        Assert.Equal(championETag, (await h.Blobs.GetAsync("models", "current.json"))!.ETag);
        Assert.Null(run.Decision);
    }

    [Fact]
    public async Task A_job_running_past_the_timeout_is_stopped_and_the_run_fails()
    {
        var h = new PipelineHarness();
        h.Runner.Statuses.Clear();
        h.Runner.Statuses.Add(new(TrainingJobState.Running));

        var run = await h.RunAsync();

        Assert.Equal(TrainingRunStatus.Failed, run.Status);
        Assert.Contains("timed out after 00:10:00", run.Reason);
        Assert.Equal([run.ExecutionId!], h.Runner.Stopped);
        // Polls at 0, 1, ..., 10 minutes: the last one finds the deadline reached.
        Assert.Equal(11, h.Runner.Polls);
        Assert.Null(h.Pointer());
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("""{"version":"v1","test":{"ndcg@10":1.7,"coverage@10":0.2}}""", "test.ndcg@10")]
    [InlineData("""{"version":"../x","test":{"ndcg@10":0.1,"coverage@10":0.2}}""", "'version'")]
    [InlineData("""{"version":"v1"}""", "'test'")]
    public async Task Malformed_metrics_end_the_run_and_nothing_is_promoted(string metrics, string expected)
    {
        var h = new PipelineHarness();
        h.CandidateProduces("v1", 0.05, 0.3, 0.7);
        h.Runner.OutputFiles["metrics.json"] = Encoding.UTF8.GetBytes(metrics);

        var run = await h.RunAsync();

        Assert.Equal(TrainingRunStatus.Failed, run.Status);
        Assert.Contains("candidate metrics unusable", run.Reason);
        Assert.Contains(expected, run.Reason);
        Assert.Null(h.Pointer());
    }

    [Fact]
    public async Task Missing_metrics_end_the_run()
    {
        var h = new PipelineHarness();
        var run = await h.RunAsync();

        Assert.Equal(TrainingRunStatus.Failed, run.Status);
        Assert.Contains("metrics.json is missing", run.Reason);
        Assert.Null(h.Pointer());
    }

    [Fact]
    public async Task Losing_the_promotion_race_leaves_the_winners_pointer()
    {
        var h = new PipelineHarness();
        h.ChampionServes("v0", 0.10, 0.3, 0.70);
        h.ChampionOnHoldout = new ModelMetrics(0.10, 0.3, null);
        h.CandidateProduces("v1", 0.20, 0.3, 0.70);
        byte[]? winner = null;
        // Another run promotes between our read of the pointer and our conditional write.
        h.DuringChampionEvaluation = () => { h.ChampionServes("v-other", 0.15, 0.3, 0.7); winner = h.Blobs.Read("models", "current.json"); };

        var run = await h.RunAsync();

        Assert.Equal(TrainingRunStatus.Failed, run.Status);
        Assert.Contains("lost the promotion race", run.Reason);
        Assert.Equal(winner, h.Blobs.Read("models", "current.json"));
        Assert.Equal("v-other", h.Pointer()!.Version);
    }

    [Fact]
    public async Task Losing_the_race_for_the_first_model_leaves_the_other_first_model()
    {
        var h = new PipelineHarness();
        h.CandidateProduces("v1", 0.20, 0.3, 0.70);
        h.Blobs.AfterGet = (container, name) =>
        {
            if (name == "current.json" && h.Blobs.Read(container, name) is null)
            {
                h.ChampionServes("v-first", 0.15, 0.3, 0.7);
            }
        };

        var run = await h.RunAsync();

        Assert.Equal(TrainingRunStatus.Failed, run.Status);
        Assert.Contains("found absent", run.Reason);
        Assert.Equal("v-first", h.Pointer()!.Version);
    }

    [Fact]
    public async Task An_empty_snapshot_fails_before_starting_a_job()
    {
        var h = new PipelineHarness { SnapshotUsers = 0 };

        var run = await h.RunAsync();

        Assert.Equal(TrainingRunStatus.Failed, run.Status);
        Assert.Contains("snapshot is empty", run.Reason);
        Assert.Empty(h.Runner.Started);
    }

    [Fact]
    public void Settings_captured_before_the_part_sizes_existed_replay_with_the_defaults_not_zero()
    {
        var captured = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(
            Longview.Core.Training.TrainingRunSettings.Capture(new Longview.Core.Training.TrainingPipelineOptions(), null), Longview.Core.Serialization.LongviewJson.Options))!.AsObject();
        Assert.True(captured.Remove("evaluationSliceUsers") && captured.Remove("snapshotPartUsers"));

        var replayed = System.Text.Json.JsonSerializer.Deserialize<Longview.Core.Training.TrainingRunSettings>(captured.ToJsonString(), Longview.Core.Serialization.LongviewJson.Options)!;

        Assert.Equal((20_000, 50_000), (replayed.EvaluationSliceUsers, replayed.SnapshotPartUsers));
    }

    [Fact]
    public async Task A_snapshot_scan_that_stops_moving_fails_the_run_instead_of_scheduling_parts_forever()
    {
        var h = new PipelineHarness { SnapshotUsers = 10, SnapshotStuck = true };
        h.Options.SnapshotPartUsers = 4;

        var run = await h.RunAsync();

        Assert.Equal(TrainingRunStatus.Failed, run.Status);
        Assert.Contains("made no progress", run.Reason);
        Assert.Equal(2, h.SnapshotParts.Count);
        Assert.Empty(h.Runner.Started);
    }

    [Fact]
    public async Task The_snapshot_is_written_in_parts_that_resume_where_the_last_stopped_and_commit_as_one_blob()
    {
        var h = new PipelineHarness { SnapshotUsers = 10 };
        h.Options.SnapshotPartUsers = 4;
        h.CandidateProduces("v1", 0.05, 0.3, 0.7);

        var run = await h.RunAsync();

        Assert.Equal(TrainingRunStatus.Promoted, run.Status);
        // Three bounded parts: each starts where the previous one stopped and knows the users before it (the limit spans them).
        Assert.Equal(
            [new SnapshotPartRequest(run.RunId, 0, null, 4, 0), new SnapshotPartRequest(run.RunId, 1, "4", 4, 4), new SnapshotPartRequest(run.RunId, 2, "8", 4, 8)],
            h.SnapshotParts);
        Assert.Equal(new SnapshotSummary("training", $"{run.RunId}/snapshot.ndjson.gz", 10, 100), run.Snapshot);
        Assert.Contains("(3 parts)", run.Steps.Single(s => s.Name == "snapshot").Detail, StringComparison.Ordinal);
        // The committed blob is one gzip stream of every part's users, each exactly once; no staged block is left.
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"u-{i}"), SnapshotUsers(h.Blobs.Read("training", $"{run.RunId}/snapshot.ndjson.gz")!));
        Assert.DoesNotContain(h.Blobs.Names, n => n.Contains(".blocks/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_snapshot_of_exactly_one_part_size_takes_one_part()
    {
        var h = new PipelineHarness { SnapshotUsers = 4 };
        h.Options.SnapshotPartUsers = 4;
        h.CandidateProduces("v1", 0.05, 0.3, 0.7);

        var run = await h.RunAsync();

        Assert.Equal(TrainingRunStatus.Promoted, run.Status);
        Assert.Single(h.SnapshotParts);
        Assert.Equal(4, run.Snapshot!.Users);
    }

    private static List<string> SnapshotUsers(byte[] blob)
    {
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(blob), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var users = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            users.Add(json.RootElement.GetProperty("userId").GetString()!);
        }
        return users;
    }
}
