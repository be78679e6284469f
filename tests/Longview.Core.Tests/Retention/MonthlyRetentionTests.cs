using Longview.Core.Retention;
using static Longview.Core.Tests.Retention.Days;

namespace Longview.Core.Tests.Retention;

public sealed class MonthlyRetentionTests
{
    private static readonly RetentionOptions Options = new() { Months = 3 };

    private static readonly UserActivity[] Users =
    [
        User("a", "2024-01-15", "2024-02-01", "2024-03-31"),
        User("b", "2024-01-31", "2024-03-01"),
        User("c", "2024-02-29"),
        User("d", "2023-12-31", "2024-01-01"),
    ];

    private static MonthlyRetention Compute(string asOf)
    {
        var table = new MonthlyRetention(Options, D("2023-12-01"), D("2024-03-31"), D(asOf));
        foreach (var user in Users)
        {
            table.Add(user);
        }
        return table;
    }

    private static MonthlyCohortRow Cell(MonthlyRetention table, string month, int n) =>
        table.Rows().Single(r => r.CohortMonth == D(month) && r.Month == n);

    [Fact]
    public void Counts_activity_in_calendar_month_N_and_in_month_N_or_later()
    {
        var table = Compute("2024-03-31");

        Assert.Equal(new MonthlyCohortRow(D("2024-01-01"), 1, 2, 1, 2, 0.5, 1.0), Cell(table, "2024-01-01", 1));
        Assert.Equal(new MonthlyCohortRow(D("2024-01-01"), 2, 2, 2, 2, 1.0, 1.0), Cell(table, "2024-01-01", 2));
        Assert.Equal(new MonthlyCohortRow(D("2024-02-01"), 1, 1, 0, 0, 0.0, 0.0), Cell(table, "2024-02-01", 1));
    }

    [Fact]
    public void Month_arithmetic_crosses_the_year_boundary()
    {
        var table = Compute("2024-03-31");

        Assert.Equal(new MonthlyCohortRow(D("2023-12-01"), 1, 1, 1, 1, 1.0, 1.0), Cell(table, "2023-12-01", 1));
        Assert.Equal(new MonthlyCohortRow(D("2023-12-01"), 2, 1, 0, 0, 0.0, 0.0), Cell(table, "2023-12-01", 2));
    }

    [Fact]
    public void A_month_counts_only_once_its_last_day_has_elapsed()
    {
        Assert.Equal(2, Cell(Compute("2024-03-31"), "2024-01-01", 2).Retained);

        var dayBefore = Compute("2024-03-30");
        Assert.Equal(new MonthlyCohortRow(D("2024-01-01"), 2, 2, null, null, null, null), Cell(dayBefore, "2024-01-01", 2));
        Assert.Equal(1, Cell(dayBefore, "2024-01-01", 1).Retained);
        Assert.Null(Cell(Compute("2024-03-31"), "2024-01-01", 3).Retained);
    }

    [Fact]
    public void Activity_after_the_as_of_day_does_not_make_a_user_retained_or_later()
    {
        // As of 02-29, a's 03-31 is in the future: a was last seen in February, b in January.
        var table = Compute("2024-02-29");

        Assert.Equal(new MonthlyCohortRow(D("2024-01-01"), 1, 2, 1, 1, 0.5, 0.5), Cell(table, "2024-01-01", 1));
        // c, first seen on the as-of day itself, is already in its cohort.
        Assert.Equal(1, Cell(table, "2024-02-01", 1).CohortSize);
    }

    [Fact]
    public void Merging_partial_tables_equals_one_table_over_all_users()
    {
        var left = new MonthlyRetention(Options, D("2023-12-01"), D("2024-03-31"), D("2024-03-31"));
        var right = new MonthlyRetention(Options, D("2023-12-01"), D("2024-03-31"), D("2024-03-31"));
        left.Add(Users[0]);
        left.Add(Users[3]);
        right.Add(Users[1]);
        right.Add(Users[2]);
        left.Merge(right);

        Assert.Equal(Compute("2024-03-31").Rows(), left.Rows());
    }

    [Fact]
    public void The_last_representable_month_is_handled_without_overflow()
    {
        var table = new MonthlyRetention(new RetentionOptions { Months = 1 }, D("9999-11-01"), D("9999-12-31"), DateOnly.MaxValue);
        table.Add(User("z", "9999-11-30", "9999-12-31"));

        Assert.Equal(new MonthlyCohortRow(D("9999-11-01"), 1, 1, 1, 1, 1.0, 1.0), table.Rows().Single());
    }
}
