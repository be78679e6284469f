using Longview.Core.Lifecycle;
using Longview.Core.Retention;
using static Longview.Core.Tests.Retention.Days;

namespace Longview.Core.Tests.Retention;

public sealed class RetentionCsvTests
{
    [Fact]
    public void Daily_rows_are_written_with_empty_cells_for_incomplete_days()
    {
        DailyCohortRow[] rows =
        [
            new(D("2024-01-01"), 1, 3, 1, 2, 1 / 3.0, 2 / 3.0),
            new(D("2024-01-01"), 7, 3, null, null, null, null),
        ];

        var csv = RetentionCsv.ToCsv<DailyCohortRow>(RetentionCsv.WriteDaily, rows);

        Assert.Equal(
            "cohort,day,cohort_size,retained,retained_or_later,retention_rate,unbounded_rate\n" +
            "2024-01-01,1,3,1,2,0.3333333333333333,0.6666666666666666\n" +
            "2024-01-01,7,3,,,,\n", csv);
    }

    [Fact]
    public void Monthly_activity_and_segment_rows_are_written_in_header_order()
    {
        Assert.Equal(
            "cohort_month,month,cohort_size,retained,retained_or_later,retention_rate,unbounded_rate\n2024-02-01,1,4,1,2,0.25,0.5\n",
            RetentionCsv.ToCsv<MonthlyCohortRow>(RetentionCsv.WriteMonthly, [new(D("2024-02-01"), 1, 4, 1, 2, 0.25, 0.5)]));
        Assert.Equal(
            "day,dau,wau,mau,stickiness\n2024-02-01,1,3,4,0.25\n2024-02-02,0,0,0,\n",
            RetentionCsv.ToCsv<ActivityRow>(RetentionCsv.WriteActivity, [new(D("2024-02-01"), 1, 3, 4, 0.25), new(D("2024-02-02"), 0, 0, 0, null)]));
        Assert.Equal(
            "as_of,new,active,reactivated,at_risk,dormant,churned,total,churn_risk_source\n2024-02-01,1,2,3,4,5,6,21,recency-frequency\n2024-02-02,0,0,0,1,0,0,1,\"v,7\"\n",
            RetentionCsv.ToCsv<SegmentCounts>(RetentionCsv.WriteSegments, [new(D("2024-02-01"), 1, 2, 3, 4, 5, 6), new(D("2024-02-02"), 0, 0, 0, 1, 0, 0, "v,7")]));
    }
}
