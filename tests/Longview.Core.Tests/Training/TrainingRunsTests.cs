using Longview.Core.Training;
using Longview.Core.Training.Runs;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Training;

/// <summary>One run at a time, a run lease, and start-up recovery of the runs a crashed process left behind.</summary>
public sealed class TrainingRunsTests
{
    private readonly MemoryBlobStore _blobs = new();
    private readonly SteppingTimeProvider _time = new(PipelineHarness.Start);
    private readonly List<TrainingPipelineInput> _launched = [];
    private readonly TrainingPipelineOptions _options = new() { Timeout = TimeSpan.FromHours(1), RunLease = TimeSpan.FromHours(2), JobArguments = ["--configured"] };

    private TrainingRuns Runs() => new(Store, new RecordingLauncher(_launched), Options.Create(_options), _time);

    private BlobTrainingRunStore Store => new(_blobs, Options.Create(_options));

    [Fact]
    public async Task A_start_while_a_run_is_queued_answers_that_run_and_launches_nothing_more()
    {
        var first = await Runs().StartAsync("api", null, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(30));

        var second = await Runs().StartAsync("schedule", null, CancellationToken.None);

        Assert.Equal(first.RunId, second.RunId);
        Assert.Single(_launched);
    }

    [Fact]
    public async Task The_launched_input_carries_the_settings_of_the_moment_it_was_queued()
    {
        await Runs().StartAsync("first-model", ["--max-epochs", "3"], CancellationToken.None);
        _options.PollInterval = TimeSpan.FromHours(9);
        _options.JobArguments.Add("--changed-later");

        var settings = Assert.Single(_launched).Settings;
        Assert.Equal(TimeSpan.FromSeconds(30), settings.PollInterval);
        Assert.Equal(["--max-epochs", "3"], settings.JobArguments);
    }

    [Fact]
    public async Task A_run_active_past_its_lease_is_abandoned_and_a_new_one_starts()
    {
        var stuck = await Runs().StartAsync("api", null, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));

        var next = await Runs().StartAsync("schedule", null, CancellationToken.None);

        Assert.NotEqual(stuck.RunId, next.RunId);
        var abandoned = await Store.GetAsync(stuck.RunId, CancellationToken.None);
        Assert.Equal(TrainingRunStatus.Failed, abandoned!.Status);
        Assert.Contains("abandoned", abandoned.Reason, StringComparison.Ordinal);
        Assert.Equal(2, _launched.Count);
    }

    [Fact]
    public async Task Recovery_marks_every_queued_or_running_run_failed_with_the_reason_and_leaves_ended_runs()
    {
        var running = new TrainingRunRecord { RunId = "20261124T030000Z-aaaaaaaa", Trigger = "api", RequestedAt = _time.GetUtcNow(), Status = TrainingRunStatus.Running };
        var queued = new TrainingRunRecord { RunId = "20261124T030001Z-bbbbbbbb", Trigger = "api", RequestedAt = _time.GetUtcNow() };
        var promoted = new TrainingRunRecord { RunId = "20261123T030000Z-cccccccc", Trigger = "schedule", RequestedAt = _time.GetUtcNow(), Status = TrainingRunStatus.Promoted };
        foreach (var run in new[] { running, queued, promoted })
        {
            await Store.SaveAsync(run, CancellationToken.None);
        }

        var marked = await Runs().RecoverAsync("the process stopped", CancellationToken.None);

        Assert.Equal([running.RunId, queued.RunId], marked.Order(StringComparer.Ordinal));
        var recovered = await Store.GetAsync(running.RunId, CancellationToken.None);
        Assert.Equal(TrainingRunStatus.Failed, recovered!.Status);
        Assert.Equal("abandoned: the process stopped while it was running", recovered.Reason);
        Assert.Equal(TrainingRunStatus.Promoted, (await Store.GetAsync(promoted.RunId, CancellationToken.None))!.Status);
        var next = await Runs().StartAsync("api", null, CancellationToken.None);
        Assert.Single(_launched);
        Assert.Equal(TrainingRunStatus.Queued, next.Status);
    }

    private sealed class RecordingLauncher(List<TrainingPipelineInput> launched) : ITrainingRunLauncher
    {
        public Task LaunchAsync(TrainingPipelineInput input, CancellationToken cancellationToken)
        {
            launched.Add(input);
            return Task.CompletedTask;
        }
    }
}
