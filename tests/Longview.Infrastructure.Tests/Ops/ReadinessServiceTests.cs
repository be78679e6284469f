using Longview.Core.Health;
using Longview.Core.Retention.Jobs;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Reports;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Ops;

/// <summary>Readiness over real stores: the worst component wins, a failing or hanging check is reported, never thrown.</summary>
public sealed class ReadinessServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Stale_or_missing_retention_reports_are_degraded_with_the_reason()
    {
        using var folder = new TestFolder();
        using var reports = new SqliteRetentionReportStore(Options.Create(new EmbeddedStoreOptions { DataFolder = folder.Path }));
        var check = new RetentionReportReadinessCheck(reports, Options.Create(new ReadinessOptions()), new FixedTimeProvider(Now));

        var none = await check.CheckAsync(default);
        Assert.Equal(Readiness.Degraded, none.Readiness);
        Assert.Contains("no daily retention report", none.Detail);

        await reports.PutAsync(new StoredReport(ReportKind.Daily, new DateOnly(2026, 12, 1), Now, "[]"));
        var stale = await check.CheckAsync(default);
        Assert.Equal(Readiness.Degraded, stale.Readiness);
        Assert.Contains("2026-12-01, 5 days old", stale.Detail);

        await reports.PutAsync(new StoredReport(ReportKind.Daily, new DateOnly(2026, 12, 5), Now, "[]"));
        Assert.Equal(Readiness.Ready, (await check.CheckAsync(default)).Readiness);
    }

    [Fact]
    public async Task The_worst_component_decides_and_a_throwing_check_counts_as_its_failure_level()
    {
        var service = new ReadinessService(
            [new Fixed("model", Readiness.Degraded), new Throwing("store", Readiness.Unavailable), new Fixed("reports", Readiness.Ready)],
            Options.Create(new ReadinessOptions()), TimeProvider.System);

        var report = await service.CheckAsync(default);

        Assert.Equal(Readiness.Unavailable, report.Readiness);
        var store = Assert.Single(report.Components, c => c.Component == "store");
        Assert.Equal(Readiness.Unavailable, store.Readiness);
        Assert.Contains("disk I/O error", store.Detail);
        Assert.Equal(3, report.Components.Count);
    }

    [Fact]
    public async Task A_hanging_check_is_reported_after_the_timeout()
    {
        var service = new ReadinessService([new Hanging("store")], Options.Create(new ReadinessOptions { CheckTimeout = TimeSpan.FromMilliseconds(200) }), TimeProvider.System);

        var report = await service.CheckAsync(default);

        Assert.Equal(Readiness.Unavailable, report.Readiness);
        Assert.Contains("no answer within", Assert.Single(report.Components).Detail);
    }

    private sealed class Fixed(string component, Readiness readiness) : IReadinessCheck
    {
        public string Component => component;

        public Readiness WhenFailing => Readiness.Degraded;

        public Task<ComponentReadiness> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(new ComponentReadiness(component, readiness, "fixed"));
    }

    private sealed class Throwing(string component, Readiness whenFailing) : IReadinessCheck
    {
        public string Component => component;

        public Readiness WhenFailing => whenFailing;

        public Task<ComponentReadiness> CheckAsync(CancellationToken cancellationToken) => throw new IOException("disk I/O error");
    }

    private sealed class Hanging(string component) : IReadinessCheck
    {
        public string Component => component;

        public Readiness WhenFailing => Readiness.Unavailable;

        public async Task<ComponentReadiness> CheckAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
            return new ComponentReadiness(component, Readiness.Ready, "never");
        }
    }
}
