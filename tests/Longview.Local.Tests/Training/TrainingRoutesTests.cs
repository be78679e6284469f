using System.Net;
using System.Text.Json;
using Longview.Local.Tests.Support;
using Longview.Local.Training;

namespace Longview.Local.Tests.Training;

public sealed class TrainingRoutesTests
{
    [Fact]
    public async Task Post_answers_202_with_the_status_url_and_the_run_is_recorded_until_it_ends()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);

        using var response = await app.Client.PostAsync("/api/training/runs", new StringContent("", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var runId = accepted.RootElement.GetProperty("runId").GetString()!;
        var statusUrl = accepted.RootElement.GetProperty("statusUrl").GetString()!;
        Assert.Equal($"/api/training/runs/{runId}", statusUrl);
        Assert.Equal(statusUrl, response.Headers.Location!.OriginalString);

        // The store is empty: the run ends at the snapshot, before any job starts, and says why.
        JsonElement run = default;
        for (var i = 0; i < 200; i++)
        {
            using var status = JsonDocument.Parse(await app.Client.GetStringAsync(statusUrl));
            run = status.RootElement.Clone();
            if (run.GetProperty("status").GetString() is "failed" or "promoted" or "rejected")
            {
                break;
            }
            await Task.Delay(50);
        }
        Assert.Equal(runId, run.GetProperty("runId").GetString());
        Assert.Equal("api", run.GetProperty("trigger").GetString());
        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Contains("snapshot is empty", run.GetProperty("reason").GetString());
        Assert.Equal("snapshot", run.GetProperty("steps")[0].GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("20260101T000000Z-00000000")]
    [InlineData("..%2F..%2Fmodels")]
    public async Task An_unknown_run_is_a_404_problem(string runId)
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);

        using var response = await app.Client.GetAsync($"/api/training/runs/{runId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Unknown training run", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("2026-11-24T02:59:59Z", "2026-11-24T03:00:00Z")]
    [InlineData("2026-11-24T03:00:00Z", "2026-11-25T03:00:00Z")]
    [InlineData("2026-11-24T23:00:00+02:00", "2026-11-25T03:00:00Z")]
    public void The_default_schedule_runs_next_at_the_daily_utc_time(string now, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Longview.Core.Workflows.CronSchedule.Parse(new Longview.Core.Training.TrainingPipelineOptions().Schedule, TrainingScheduler.Setting)
                .NextAfter(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
}
