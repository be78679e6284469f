using System.Text.Json;
using Longview.Core.Training.Runs;
using Longview.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Local.Tests.Training;

public sealed class TrainingRunRecoveryTests
{
    [Fact]
    public async Task A_run_left_running_by_a_crashed_process_is_failed_as_abandoned_at_the_next_start()
    {
        using var folder = new TempFolder();
        const string runId = "20261124T030000Z-deadbeef";
        await using (var crashed = await RunningApp.StartAsync(folder.Path))
        {
            // What a process killed mid-run leaves behind: the record says "running", and nothing will ever end it.
            await crashed.Services.GetRequiredService<ITrainingRunStore>().SaveAsync(
                new TrainingRunRecord { RunId = runId, Trigger = "api", RequestedAt = DateTimeOffset.UtcNow, Status = TrainingRunStatus.Running, StartedAt = DateTimeOffset.UtcNow },
                CancellationToken.None);
        }

        await using var app = await RunningApp.StartAsync(folder.Path);

        using var run = JsonDocument.Parse(await app.Client.GetStringAsync($"/api/training/runs/{runId}"));
        Assert.Equal("failed", run.RootElement.GetProperty("status").GetString());
        Assert.Equal("abandoned: the process stopped (found at start-up) while it was running", run.RootElement.GetProperty("reason").GetString());
        Assert.True(run.RootElement.TryGetProperty("endedAt", out var ended) && ended.ValueKind == JsonValueKind.String);
    }
}
