using Longview.Core.Campaigns;
using Longview.Core.Experiments;
using Longview.Core.Lifecycle.Members;
using Longview.Core.Outcomes;
using Longview.Core.Retention.Jobs;
using Longview.Functions.Retention;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Functions.Tests.Durable;

/// <summary>
/// The retention orchestration of the Functions app on the Durable Task in-process test host: the app's orchestrator
/// and its RetentionRunDay, LifecycleRunDay, CampaignsEnrolDay and OutcomesRunDay activities over the real jobs, SQLite profiles and reports.
/// </summary>
public sealed class RetentionOrchestrationTests
{
    private static readonly (string, string, string, string)[] Activity =
    [
        ("u1", "m1", "view", "2026-11-20T10:00:00Z"), ("u1", "m2", "view", "2026-11-21T10:00:00Z"),
        ("u2", "m1", "view", "2026-11-20T11:00:00Z"), ("u2", "m3", "click", "2026-11-22T11:00:00Z"),
        ("u3", "m2", "view", "2026-11-21T12:00:00Z"),
    ];

    [Fact]
    public async Task One_day_completes_and_stores_its_reports()
    {
        await using var app = await DurableAppHost.StartAsync();
        await app.IngestAsync(Activity);
        var day = new DateOnly(2026, 11, 22);

        var (instance, days) = await RunAsync(app, day, day);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        var summary = Assert.Single(days);
        Assert.Equal("2026-11-22", summary.AsOf);
        Assert.Equal(3, summary.UsersScanned);
        Assert.NotNull(await app.Reports.GetAsync(ReportKind.Daily, day));
        // The run ends with the lifecycle activity for its last day: lists, lifecycle reports, then latest.json.
        Assert.NotNull(await app.Reports.GetAsync(ReportKind.SegmentValue, day));
        Assert.NotNull(await app.Blobs.GetAsync(LifecycleBlobs.Container, LifecycleBlobs.Manifest(day)));
        Assert.NotNull(await app.Blobs.GetAsync(LifecycleBlobs.Container, LifecycleBlobs.Latest));
        // Then the daily outcome activity: the list outcome report of the newest serving day whose windows have closed.
        Assert.NotNull(await app.Blobs.GetAsync(OutcomeBlobs.Container, OutcomeBlobs.ListsOf(day.AddDays(-1))));
    }

    [Fact]
    public async Task A_run_enrols_the_audience_of_each_running_campaign_after_the_lifecycle_job()
    {
        var now = DateTimeOffset.UtcNow;
        var campaign = new CampaignDefinition { Id = "daily-winback", Start = now.AddDays(-1), End = now.AddDays(30), HoldoutShare = 0.5 };
        var ended = new CampaignDefinition { Id = "ended", Start = now.AddDays(-30), End = now.AddDays(-2) };
        await using var app = await DurableAppHost.StartAsync(campaigns: options => options.Definitions = [campaign, ended]);
        await app.IngestAsync(Activity);
        var day = new DateOnly(2026, 11, 22);

        var (instance, _) = await RunAsync(app, day, day);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        var log = app.Services.GetRequiredService<IExperimentExposureLog>();
        var entered = new List<ExperimentExposure>();
        await foreach (var entry in log.ScanAsync(campaign.LogKey))
        {
            entered.Add(entry);
        }
        // An audience without filters is every scored user, each in the arm their hash gives them.
        Assert.Equal(["u1", "u2", "u3"], entered.Select(e => e.UserId).Order(StringComparer.Ordinal));
        Assert.All(entered, e => Assert.Equal(CampaignArm.Of(campaign, e.UserId), e.Variant));
        await foreach (var _ in log.ScanAsync(ended.LogKey))
        {
            Assert.Fail("a campaign outside its window enrols no one");
        }
    }

    [Fact]
    public async Task A_backfill_runs_every_day_of_the_range_in_order()
    {
        await using var app = await DurableAppHost.StartAsync();
        await app.IngestAsync(Activity);
        var from = new DateOnly(2026, 11, 20);
        var to = new DateOnly(2026, 11, 23);

        var (instance, days) = await RunAsync(app, from, to);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"], days.Select(d => d.AsOf));
        Assert.Equal(
            [from, from.AddDays(1), from.AddDays(2), to],
            await app.Reports.ListAsOfAsync(ReportKind.Daily, from, to));
    }

    [Fact]
    public async Task A_day_that_fails_for_good_fails_the_instance_after_its_retries_and_no_later_day_runs()
    {
        await using var app = await DurableAppHost.StartAsync();
        await app.IngestAsync(Activity);
        var from = new DateOnly(2026, 11, 20);
        app.Reports.FailDay(from.AddDays(1));

        var instance = await StartAndWaitAsync(app, from, from.AddDays(2));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        Assert.Contains("2026-11-21", instance.FailureDetails?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(DurableAppHost.QuickRetry().MaxAttempts, app.Reports.FailuresInjected);
        Assert.Equal([from], await app.Reports.ListAsOfAsync(ReportKind.Daily, from, from.AddDays(2)));
    }

    [Fact]
    public async Task A_day_that_fails_once_is_retried_and_the_range_completes()
    {
        await using var app = await DurableAppHost.StartAsync();
        await app.IngestAsync(Activity);
        var from = new DateOnly(2026, 11, 20);
        app.Reports.FailDay(from.AddDays(1), times: 1);

        var (instance, days) = await RunAsync(app, from, from.AddDays(2));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(3, days.Count);
        Assert.Equal(1, app.Reports.FailuresInjected);
    }

    private static async Task<(OrchestrationMetadata Instance, IReadOnlyList<RetentionDaySummary> Days)> RunAsync(DurableAppHost app, DateOnly from, DateOnly to)
    {
        var instance = await StartAndWaitAsync(app, from, to);
        Assert.True(instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{instance.RuntimeStatus}: {instance.FailureDetails}");
        return (instance, instance.ReadOutputAs<List<RetentionDaySummary>>()!);
    }

    private static async Task<OrchestrationMetadata> StartAndWaitAsync(DurableAppHost app, DateOnly from, DateOnly to)
    {
        var id = await app.Client.ScheduleNewOrchestrationInstanceAsync(RetentionFunctions.Orchestrator, RetentionRunRange.Capture(from, to, app.RetentionOptions));
        return await app.WaitAsync(id);
    }
}
