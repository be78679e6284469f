using Longview.Core.Retention.Jobs;

namespace Longview.Core.Tests.Retention.Jobs;

public sealed class RetentionReportQueryTests
{
    [Fact]
    public async Task Without_a_stored_report_the_rows_are_computed_on_demand_as_of_to_and_not_stored()
    {
        var fixture = new JobFixture();
        await fixture.AddUserAsync("a", "2024-01-01", "2024-01-02");
        await fixture.AddUserAsync("b", "2024-01-02");
        var answer = await fixture.Query.GetAsync(ReportKind.Daily, ReportRange.Parse("2024-01-02", "2024-01-10", out _)!);
        Assert.Equal(ReportSource.Computed, answer.Source);
        Assert.Equal(Days.D("2024-01-10"), answer.AsOf);
        var rows = ReportRows.Daily(answer.RowsJson);
        Assert.All(rows, r => Assert.Equal(Days.D("2024-01-02"), r.Cohort)); // the 01-01 cohort is outside the range
        Assert.Equal(1, rows.Single(r => r.Day == 1).CohortSize);
        Assert.Empty(fixture.Reports.Reports);
    }

    [Fact]
    public async Task Without_to_the_on_demand_as_of_is_yesterday_by_the_clock()
    {
        var fixture = new JobFixture();
        await fixture.AddUserAsync("a", "2024-02-28");
        var answer = await fixture.Query.GetAsync(ReportKind.Activity, ReportRange.All);
        Assert.Equal(Days.D("2024-03-01"), answer.AsOf); // the clock says 2024-03-02 01:00Z
        Assert.Equal(30, ReportRows.Activity(answer.RowsJson).Count);
    }

    [Fact]
    public async Task The_latest_stored_report_is_served_filtered_to_the_range()
    {
        var fixture = new JobFixture();
        await fixture.AddUserAsync("a", "2024-02-01", "2024-02-02");
        await fixture.Job.RunAsync(Days.D("2024-02-20"));
        await fixture.Job.RunAsync(Days.D("2024-02-25"));
        await fixture.AddUserAsync("late", "2024-02-24"); // added after the runs: a stored answer does not see it

        var answer = await fixture.Query.GetAsync(ReportKind.Activity, ReportRange.Parse("2024-02-22", "2024-02-24", out _)!);
        Assert.Equal(ReportSource.Stored, answer.Source);
        Assert.Equal(Days.D("2024-02-25"), answer.AsOf);
        Assert.Equal([Days.D("2024-02-22"), Days.D("2024-02-23"), Days.D("2024-02-24")], ReportRows.Activity(answer.RowsJson).Select(r => r.Day));
        Assert.All(ReportRows.Activity(answer.RowsJson), r => Assert.Equal(0, r.Dau));
        Assert.StartsWith("day,dau,wau,mau,stickiness\n2024-02-22,0,0,1,0\n", answer.Csv(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Segments_come_one_row_per_stored_as_of_day_in_the_range()
    {
        var fixture = new JobFixture();
        await fixture.AddUserAsync("a", "2024-02-01", "2024-02-02");
        await fixture.Job.BackfillAsync(Days.D("2024-02-05"), Days.D("2024-02-12"));
        var answer = await fixture.Query.GetAsync(ReportKind.Segments, ReportRange.Parse("2024-02-08", "2024-02-10", out _)!);
        var rows = ReportRows.Segments(answer.RowsJson);
        Assert.Equal([Days.D("2024-02-08"), Days.D("2024-02-09"), Days.D("2024-02-10")], rows.Select(r => r.AsOf));
        Assert.Equal([1L, 0L, 0L], rows.Select(r => r.New)); // age 7 days on 02-08, 8 on 02-09
        // Last active 02-02: 7 days ago on 02-09, still within the active window, but its recency-frequency churn risk
        // (0.7·7/90 + 0.3·(1 − 2/10) = 0.294) is above the default ChurnRiskThreshold 0.25; 8 days ago on 02-10.
        Assert.Equal([0L, 0L, 0L], rows.Select(r => r.Active));
        Assert.Equal([0L, 1L, 1L], rows.Select(r => r.AtRisk));
    }
}
