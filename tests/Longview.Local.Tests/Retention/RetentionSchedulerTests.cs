using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Retention.Jobs;
using Longview.Local.Hosting;
using Longview.Local.Retention;
using Longview.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Longview.Local.Tests.Retention;

public sealed class RetentionSchedulerTests
{
    /// <summary>A clock standing still just before a run slot; timers still run on real time.</summary>
    private sealed class StillClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task At_the_slot_after_midnight_the_scheduler_stores_the_reports_as_of_the_day_that_ended()
    {
        using var folder = new TempFolder();
        var services = new ServiceCollection().AddLogging();
        services.TryAddSingleton<TimeProvider>(new StillClock(new DateTimeOffset(2024, 4, 1, 0, 14, 59, 800, TimeSpan.Zero)));
        services.AddLongviewLocal(folder.Path).AddRetentionScheduler();
        await using var provider = services.BuildServiceProvider();
        var profile = new UserProfile { UserId = "a" };
        profile.ActiveDays.Add(new DateOnly(2024, 2, 10));
        profile.ActiveDays.Add(new DateOnly(2024, 3, 12));
        await provider.GetRequiredService<IProfileStore>().WriteManyAsync([new ProfileWrite(profile, null)]);

        var scheduler = Assert.Single(provider.GetServices<IHostedService>().OfType<RetentionScheduler>());
        await scheduler.StartAsync(CancellationToken.None);
        var reports = provider.GetRequiredService<IRetentionReportStore>();
        StoredReport? monthly = null;
        for (var i = 0; i < 200 && monthly is null; i++)
        {
            await Task.Delay(50);
            monthly = await reports.GetAsync(ReportKind.Monthly, new DateOnly(2024, 3, 31));
        }
        await scheduler.StopAsync(CancellationToken.None);

        Assert.NotNull(monthly); // the run on the 1st is as of the last day of March, which closes March
        var february = ReportRows.Monthly(monthly.RowsJson).Single(r => r.CohortMonth == new DateOnly(2024, 2, 1) && r.Month == 1);
        Assert.Equal(1, february.Retained);
        Assert.Equal([new DateOnly(2024, 3, 31)], await reports.ListAsOfAsync(ReportKind.Daily, DateOnly.MinValue, DateOnly.MaxValue));
    }
}
