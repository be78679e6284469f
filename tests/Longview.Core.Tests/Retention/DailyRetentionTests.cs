using Longview.Core.Retention;
using static Longview.Core.Tests.Retention.Days;

namespace Longview.Core.Tests.Retention;

public sealed class DailyRetentionTests
{
    private static readonly RetentionOptions Options = new() { Days = [1, 3, 7] };

    private static DailyRetention Compute(string asOf, params UserActivity[] users)
    {
        var table = new DailyRetention(Options, D("2024-01-01"), D("2024-01-31"), D(asOf));
        foreach (var user in users)
        {
            table.Add(user);
        }
        return table;
    }

    private static DailyCohortRow Cell(DailyRetention table, string cohort, int day) =>
        table.Rows().Single(r => r.Cohort == D(cohort) && r.Day == day);

    private static readonly UserActivity[] Users =
    [
        User("a", "2024-01-01", "2024-01-02", "2024-01-08"),
        User("b", "2024-01-01", "2024-01-04"),
        User("c", "2024-01-01"),
        User("d", "2024-01-05", "2024-01-06", "2024-01-12"), // 01-12 is after the as-of day
        User("e", "2024-01-11"),                              // first seen after the as-of day
    ];

    [Fact]
    public void Counts_exactly_day_N_and_day_N_or_later_per_cohort()
    {
        var table = Compute("2024-01-10", Users);

        Assert.Equal(new DailyCohortRow(D("2024-01-01"), 1, 3, 1, 2, 1 / 3.0, 2 / 3.0), Cell(table, "2024-01-01", 1));
        Assert.Equal(new DailyCohortRow(D("2024-01-01"), 3, 3, 1, 2, 1 / 3.0, 2 / 3.0), Cell(table, "2024-01-01", 3));
        Assert.Equal(new DailyCohortRow(D("2024-01-01"), 7, 3, 1, 1, 1 / 3.0, 1 / 3.0), Cell(table, "2024-01-01", 7));
        Assert.Equal(new DailyCohortRow(D("2024-01-05"), 1, 1, 1, 1, 1.0, 1.0), Cell(table, "2024-01-05", 1));
    }

    [Fact]
    public void Activity_after_the_as_of_day_is_ignored_for_exact_and_unbounded_retention()
    {
        var table = Compute("2024-01-10", Users);

        // d's only later day (01-12) is after 01-10: as of 01-10 d was last seen on 01-06, before day 3 (01-08).
        Assert.Equal(new DailyCohortRow(D("2024-01-05"), 3, 1, 0, 0, 0.0, 0.0), Cell(table, "2024-01-05", 3));
        // Seen as of 01-12, the same user is retained on day 3 or later.
        Assert.Equal(1, Cell(Compute("2024-01-12", Users), "2024-01-05", 3).RetainedOrLater);
    }

    [Fact]
    public void A_cell_whose_day_has_not_elapsed_is_null_not_zero()
    {
        var table = Compute("2024-01-10", Users);

        Assert.Equal(new DailyCohortRow(D("2024-01-05"), 7, 1, null, null, null, null), Cell(table, "2024-01-05", 7));
    }

    [Fact]
    public void The_as_of_day_itself_counts_as_elapsed()
    {
        var f = User("f", "2024-01-03", "2024-01-10");

        Assert.Equal(1, Cell(Compute("2024-01-10", f), "2024-01-03", 7).Retained);
        Assert.Null(Cell(Compute("2024-01-09", f), "2024-01-03", 7).Retained);
    }

    [Fact]
    public void Users_first_seen_after_the_as_of_day_or_outside_the_range_are_in_no_cohort()
    {
        var table = new DailyRetention(Options, D("2024-01-02"), D("2024-01-31"), D("2024-01-10"));
        foreach (var user in Users)
        {
            table.Add(user);
        }

        Assert.Equal([D("2024-01-05")], table.Rows().Select(r => r.Cohort).Distinct());
        Assert.Equal(1, table.UsersCounted);
        Assert.Equal(4, table.UsersOutsideRange);
    }

    [Fact]
    public void Rows_come_per_non_empty_cohort_then_per_configured_day_in_order()
    {
        var rows = Compute("2024-01-31", Users).Rows();

        Assert.Equal(
            ["2024-01-01/1", "2024-01-01/3", "2024-01-01/7", "2024-01-05/1", "2024-01-05/3", "2024-01-05/7",
             "2024-01-11/1", "2024-01-11/3", "2024-01-11/7"],
            rows.Select(r => $"{r.Cohort:yyyy-MM-dd}/{r.Day}"));
    }

    [Fact]
    public void An_inconsistent_user_is_rejected_with_field_and_reason_and_counts_nothing()
    {
        var table = Compute("2024-01-10", Users[0]);
        var before = table.Rows();
        var unsorted = new UserActivity("bad", D("2024-01-01"), [D("2024-01-03"), D("2024-01-02")], D("2024-01-03"));

        var error = Assert.Throws<ArgumentException>(() => table.Add(unsorted));

        // User ids never travel in exception messages: they end in logs (the logging rule).
        Assert.DoesNotContain("bad", error.Message);
        Assert.Contains("ActiveDays[1]", error.Message);
        Assert.Equal(before, table.Rows());
    }

    [Fact]
    public void Merging_partial_tables_equals_one_table_over_all_users()
    {
        var whole = Compute("2024-01-10", Users);
        var left = Compute("2024-01-10", Users[..2]);
        left.Merge(Compute("2024-01-10", Users[2..]));

        Assert.Equal(whole.Rows(), left.Rows());
    }

    [Fact]
    public void A_range_longer_than_the_limit_is_refused()
    {
        var options = new RetentionOptions { MaxCohortDays = 30 };

        var error = Assert.Throws<ArgumentException>(() => new DailyRetention(options, D("2024-01-01"), D("2024-01-31"), D("2024-02-01")));

        Assert.Contains("31 days", error.Message);
    }
}
