using Longview.Core.Lifecycle;
using Longview.Core.Profiles;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;

namespace Longview.Core.Tests.Retention.Jobs;

public sealed class RetentionJobTests
{
    private static readonly DateOnly AsOf = Days.D("2024-03-01");

    private static async Task<JobFixture> WorkedExampleAsync()
    {
        var fixture = new JobFixture();
        await fixture.AddUserAsync("a", "2024-01-01", "2024-01-02", "2024-01-08");
        await fixture.AddUserAsync("b", "2024-01-01", "2024-01-04", "2024-02-20");
        await fixture.AddUserAsync("c", "2024-01-01");
        await fixture.AddUserAsync("d", "2024-02-25", "2024-02-26", "2024-03-05"); // 03-05 is after the as-of day
        await fixture.AddUserAsync("e", "2024-03-02"); // first seen after the as-of day
        return fixture;
    }

    [Fact]
    public void A_profile_maps_to_its_active_days_and_an_empty_profile_to_nothing()
    {
        var profile = new UserProfile { UserId = "u" };
        Assert.Null(ProfileActivity.From(profile));
        profile.ActiveDays.Add(Days.D("2024-01-05"));
        profile.ActiveDays.Add(Days.D("2024-01-02"));
        profile.ActiveDays.Add(Days.D("2024-01-03"));
        var activity = ProfileActivity.From(profile)!;
        Assert.Equal(Days.D("2024-01-02"), activity.FirstSeenDay);
        Assert.Equal(Days.D("2024-01-05"), activity.LastSeenDay);
        Assert.Equal([Days.D("2024-01-02"), Days.D("2024-01-03"), Days.D("2024-01-05")], activity.ActiveDays);
    }

    [Fact]
    public async Task The_stored_tables_equal_the_accumulators_fed_directly()
    {
        var fixture = await WorkedExampleAsync();
        var reports = await fixture.Job.RunAsync(AsOf);

        var users = new[]
        {
            Days.User("a", "2024-01-01", "2024-01-02", "2024-01-08"), Days.User("b", "2024-01-01", "2024-01-04", "2024-02-20"),
            Days.User("c", "2024-01-01"), Days.User("d", "2024-02-25", "2024-02-26", "2024-03-05"), Days.User("e", "2024-03-02"),
        };
        var daily = new DailyRetention(fixture.Options, AsOf.AddDays(-89), AsOf, AsOf);
        var monthly = new MonthlyRetention(fixture.Options, Days.D("2023-10-01"), AsOf, AsOf);
        foreach (var user in users)
        {
            daily.Add(user);
            monthly.Add(user);
        }
        Assert.Equal(daily.Rows(), ReportRows.Daily(fixture.Reports.Reports[(ReportKind.Daily, AsOf)].RowsJson));
        Assert.Equal(monthly.Rows(), ReportRows.Monthly(fixture.Reports.Reports[(ReportKind.Monthly, AsOf)].RowsJson));
        Assert.Equal(5, reports.UsersScanned);

        // Cohort 2024-01-01 (a, b, c): day 1 only a; day 3 only b; unbounded day 30: b (02-20).
        var jan1 = ReportRows.Daily(fixture.Reports.Reports[(ReportKind.Daily, AsOf)].RowsJson).Where(r => r.Cohort == Days.D("2024-01-01")).ToDictionary(r => r.Day);
        Assert.Equal((1L, 2L), (jan1[1].Retained!.Value, jan1[1].RetainedOrLater!.Value));
        Assert.Equal((1L, 2L), (jan1[3].Retained!.Value, jan1[3].RetainedOrLater!.Value));
        Assert.Equal((0L, 1L), (jan1[30].Retained!.Value, jan1[30].RetainedOrLater!.Value));
        Assert.Null(jan1[90].Retained); // 2024-03-31 has not elapsed on 03-01

        // Activity on the as-of day: nobody active on 03-01; d within the week; a not within 30 days.
        var last = ReportRows.Activity(fixture.Reports.Reports[(ReportKind.Activity, AsOf)].RowsJson)[^1];
        Assert.Equal(new ActivityRow(AsOf, 0, 1, 2, 0.0), last);

        var segments = Assert.Single(ReportRows.Segments(fixture.Reports.Reports[(ReportKind.Segments, AsOf)].RowsJson));
        Assert.Equal(new SegmentCounts(AsOf, New: 1, Active: 0, Reactivated: 0, AtRisk: 1, Dormant: 2, Churned: 0), segments);
    }

    [Fact]
    public async Task Blob_copies_hold_the_same_rows_as_json_and_csv()
    {
        var fixture = await WorkedExampleAsync();
        await fixture.Job.RunAsync(AsOf);

        foreach (var kind in ReportKinds.Retention)
        {
            var stored = fixture.Reports.Reports[(kind, AsOf)].RowsJson;
            Assert.Equal(stored, fixture.Blobs.Text("reports", $"{kind.WireName()}/2024-03-01.json"));
            Assert.Equal(ReportRows.Csv(kind, stored), fixture.Blobs.Text("reports", $"{kind.WireName()}/2024-03-01.csv"));
        }
        var dailyCsv = fixture.Blobs.Text("reports", "daily/2024-03-01.csv").Split('\n');
        Assert.Equal(RetentionCsv.DailyHeader, dailyCsv[0]);
        Assert.Equal("2024-01-01,1,3,1,2,0.3333333333333333,0.6666666666666666", dailyCsv[1]);
    }

    [Fact]
    public async Task Re_running_a_day_overwrites_it_with_the_new_data_and_leaves_nothing_else()
    {
        var fixture = await WorkedExampleAsync();
        await fixture.Job.RunAsync(AsOf);
        var blobCount = fixture.Blobs.Blobs.Count;
        await fixture.Job.RunAsync(AsOf);
        Assert.Equal(blobCount, fixture.Blobs.Blobs.Count);
        Assert.Equal(4, fixture.Reports.Reports.Count);

        await fixture.AddUserAsync("c", "2024-01-01", "2024-01-02"); // c came back on day 1 after all
        await fixture.Job.RunAsync(AsOf);
        var day1 = ReportRows.Daily(fixture.Reports.Reports[(ReportKind.Daily, AsOf)].RowsJson).Single(r => r.Cohort == Days.D("2024-01-01") && r.Day == 1);
        Assert.Equal(2, day1.Retained);
        Assert.Contains("2024-01-01,1,3,2,3,", fixture.Blobs.Text("reports", "daily/2024-03-01.csv"), StringComparison.Ordinal);
        Assert.Equal(4, fixture.Reports.Reports.Count);
    }

    [Fact]
    public async Task A_backfill_stores_every_day_of_the_range_each_as_of_its_own_day()
    {
        var fixture = await WorkedExampleAsync();
        var days = await fixture.Job.BackfillAsync(Days.D("2024-02-27"), AsOf);
        Assert.Equal([Days.D("2024-02-27"), Days.D("2024-02-28"), Days.D("2024-02-29"), AsOf], days);
        Assert.Equal(16, fixture.Reports.Reports.Count);
        // d was first seen 02-25: "new" as of every backfilled day; as of 02-27 a and c are 57 days gone (dormant).
        var feb27 = Assert.Single(ReportRows.Segments(fixture.Reports.Reports[(ReportKind.Segments, Days.D("2024-02-27"))].RowsJson));
        Assert.Equal(Days.D("2024-02-27"), feb27.AsOf);
        Assert.Equal(4, feb27.Total);
    }

    [Fact]
    public void A_backfill_refuses_a_reversed_or_too_long_range_naming_to()
    {
        var options = new RetentionJobOptions { MaxBackfillDays = 10 };
        var reversed = Assert.Throws<ArgumentException>(() => RetentionJob.BackfillDays(Days.D("2024-01-05"), Days.D("2024-01-04"), options));
        Assert.Equal("to", reversed.ParamName);
        var tooLong = Assert.Throws<ArgumentException>(() => RetentionJob.BackfillDays(Days.D("2024-01-01"), Days.D("2024-01-11"), options));
        Assert.Contains("11 days", tooLong.Message, StringComparison.Ordinal);
        Assert.Equal(10, RetentionJob.BackfillDays(Days.D("2024-01-01"), Days.D("2024-01-10"), options).Count);
    }
}
