using System.Text.Json;
using Longview.Core.Lifecycle;
using Longview.Core.Retention;
using Longview.Core.Serialization;
using static Longview.Core.Tests.Retention.Days;

namespace Longview.Core.Tests.Retention;

public sealed class ReportJsonTests
{
    [Fact]
    public void A_complete_daily_cell_serializes_with_camel_case_names_and_iso_days()
    {
        var json = JsonSerializer.Serialize(new DailyCohortRow(D("2024-01-01"), 7, 4, 1, 2, 0.25, 0.5), LongviewJson.Options);

        Assert.Equal("""{"cohort":"2024-01-01","day":7,"cohortSize":4,"retained":1,"retainedOrLater":2,"retentionRate":0.25,"unboundedRate":0.5}""", json);
    }

    [Fact]
    public void An_incomplete_cell_leaves_its_counts_out_instead_of_writing_zero()
    {
        var row = new MonthlyCohortRow(D("2024-01-01"), 3, 4, null, null, null, null);

        var json = JsonSerializer.Serialize(row, LongviewJson.Options);

        Assert.Equal("""{"cohortMonth":"2024-01-01","month":3,"cohortSize":4}""", json);
        Assert.Equal(row, JsonSerializer.Deserialize<MonthlyCohortRow>(json, LongviewJson.Options));
    }

    [Fact]
    public void Segment_counts_carry_their_total()
    {
        var json = JsonSerializer.Serialize(new SegmentCounts(D("2024-01-31"), 1, 2, 3, 4, 5, 6), LongviewJson.Options);

        Assert.Equal("""{"asOf":"2024-01-31","new":1,"active":2,"reactivated":3,"atRisk":4,"dormant":5,"churned":6,"churnRiskSource":"recency-frequency","total":21}""", json);
    }

    [Fact]
    public void Segment_counts_stored_before_the_churn_risk_source_existed_read_as_recency_frequency()
    {
        var stored = """{"asOf":"2024-01-31","new":1,"active":2,"reactivated":3,"atRisk":4,"dormant":5,"churned":6,"total":21}""";

        var counts = JsonSerializer.Deserialize<SegmentCounts>(stored, LongviewJson.Options)!;

        Assert.Equal(new SegmentCounts(D("2024-01-31"), 1, 2, 3, 4, 5, 6, "recency-frequency"), counts);
    }
}
