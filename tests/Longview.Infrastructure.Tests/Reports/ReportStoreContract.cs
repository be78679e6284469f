using Longview.Core.Retention.Jobs;
using Longview.Infrastructure.Tests.Contracts;

namespace Longview.Infrastructure.Tests.Reports;

/// <summary>The behaviour every <see cref="IRetentionReportStore"/> must have (SQLite, Cosmos); one fresh store per test.</summary>
public abstract class ReportStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2024, 4, 1, 0, 15, 0, TimeSpan.Zero);

    protected abstract Task<IRetentionReportStore> CreateStoreAsync();

    /// <summary>A new store instance over the same storage (restart).</summary>
    protected abstract Task<IRetentionReportStore> ReopenAsync(IRetentionReportStore store);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static StoredReport Report(ReportKind kind, string asOf, string rows, int minutes = 0) =>
        new(kind, DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture), At.AddMinutes(minutes), rows);

    [ContractFact]
    public async Task A_put_report_reads_back_exactly_and_survives_a_reopen()
    {
        var store = await CreateStoreAsync();
        var report = Report(ReportKind.Daily, "2024-03-31", "[{\"cohort\":\"2024-03-01\",\"day\":1,\"cohortSize\":3}]");
        await store.PutAsync(report);
        Assert.Equal(report, await store.GetAsync(ReportKind.Daily, report.AsOf));
        var reopened = await ReopenAsync(store);
        Assert.Equal(report, await reopened.GetAsync(ReportKind.Daily, report.AsOf));
        Assert.Null(await reopened.GetAsync(ReportKind.Monthly, report.AsOf)); // kinds are separate
        Assert.Null(await reopened.GetAsync(ReportKind.Daily, report.AsOf.AddDays(-1)));
    }

    [ContractFact]
    public async Task Putting_the_same_kind_and_day_again_replaces_it()
    {
        var store = await CreateStoreAsync();
        await store.PutAsync(Report(ReportKind.Activity, "2024-03-31", "[1]"));
        var second = Report(ReportKind.Activity, "2024-03-31", "[2]", minutes: 5);
        await store.PutAsync(second);
        Assert.Equal(second, await store.GetAsync(ReportKind.Activity, second.AsOf));
        Assert.Equal([second.AsOf], await store.ListAsOfAsync(ReportKind.Activity, DateOnly.MinValue, DateOnly.MaxValue));
    }

    [ContractFact]
    public async Task Latest_is_the_greatest_as_of_day_of_the_kind_and_lists_are_ranges_in_order()
    {
        var store = await CreateStoreAsync();
        foreach (var day in new[] { "2024-03-02", "2024-02-28", "2024-03-10", "2024-03-01" })
        {
            await store.PutAsync(Report(ReportKind.Segments, day, $"[\"{day}\"]"));
        }
        await store.PutAsync(Report(ReportKind.Daily, "2024-12-31", "[]"));
        var latest = await store.GetLatestAsync(ReportKind.Segments);
        Assert.Null(await store.GetLatestAsync(ReportKind.Monthly));
        Assert.Equal("[\"2024-03-10\"]", latest!.RowsJson);
        var days = await store.ListAsOfAsync(ReportKind.Segments, new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 9));
        Assert.Equal([new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 2)], days);
        Assert.Single(await store.ListAsOfAsync(ReportKind.Segments, DateOnly.MinValue, DateOnly.MaxValue, limit: 1));
    }

    [ContractFact]
    public async Task An_oversized_report_is_refused_naming_it_and_the_stored_one_stays()
    {
        var store = await CreateStoreAsync();
        var good = Report(ReportKind.Monthly, "2024-03-31", "[]");
        await store.PutAsync(good);
        var huge = Report(ReportKind.Monthly, "2024-03-31", new string('x', (16 * 1024 * 1024) + 1));
        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(huge));
        Assert.Contains("Monthly as of 2024-03-31", error.Message, StringComparison.Ordinal);
        Assert.Equal(good, await store.GetAsync(ReportKind.Monthly, good.AsOf));
    }
}
