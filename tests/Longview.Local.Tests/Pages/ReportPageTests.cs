using System.Globalization;
using System.Text.RegularExpressions;
using Longview.Api.Pages;
using Longview.Core.Lifecycle.Reports;
using Longview.Core.Retention.Jobs;

namespace Longview.Local.Tests.Pages;

/// <summary>The lifecycle charts of the report page, drawn from hand-made rows: every value is in a data-* attribute.</summary>
public sealed partial class ReportPageTests
{
    private static string Page(LifecycleCharts? lifecycle, PageLinks? links = null) =>
        ReportPage.Render(SyntheticReports.Daily(), SyntheticReports.Monthly(), SyntheticReports.Activity(), lifecycle, links);

    [Fact]
    public void The_outcome_charts_draw_ctr_by_position_variant_and_reason_and_conversion_and_value_by_day()
    {
        var html = ReportPage.Render(SyntheticReports.Daily(), SyntheticReports.Monthly(), SyntheticReports.Activity(), null, outcomes: SyntheticReports.Outcomes());

        // CTR bars: position 0 is drawn as "1" (the top), its value is clicks per impression.
        Assert.Contains("<rect class=\"bar\" data-series=\"ctr\" data-position=\"0\" data-impressions=\"200\" data-clicks=\"40\" data-purchases=\"8\" data-purchase-value=\"160\" data-value=\"0.2\"", html, StringComparison.Ordinal);
        Assert.Contains("<title>1: 40 clicks of 200 impressions, CTR 20.0%</title>", html, StringComparison.Ordinal);
        Assert.Contains("data-variant=\"ranking/control\" data-impressions=\"1000\" data-clicks=\"60\" data-purchases=\"12\" data-purchase-value=\"250\" data-value=\"0.06\"", html, StringComparison.Ordinal);
        Assert.Contains("data-reason=\"exploration\" data-impressions=\"400\" data-clicks=\"12\" data-purchases=\"1\" data-purchase-value=\"20\" data-value=\"0.03\"", html, StringComparison.Ordinal);
        // Per serving day: conversion = converted lists / lists, value per list = value / lists.
        Assert.Contains("data-series=\"conversion\" data-day=\"2024-03-30\" data-lists=\"80\" data-converted-lists=\"13\" data-clicked-lists=\"50\" data-purchase-value=\"312.5\" data-value=\"0.1625\"", html, StringComparison.Ordinal);
        Assert.Contains("data-series=\"value-per-list\" data-day=\"2024-03-29\" data-lists=\"120\" data-converted-lists=\"12\" data-clicked-lists=\"70\" data-purchase-value=\"300\" data-value=\"2.5\"", html, StringComparison.Ordinal);
        Assert.Contains("(stored: 2 stored days, 0 computed now)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_measured_lists_the_outcome_section_says_so()
    {
        Assert.Contains("<p id=\"outcomes-empty\">", Page(SyntheticReports.Lifecycle()), StringComparison.Ordinal);
    }

    [Fact]
    public void Survival_curves_carry_each_step_and_are_shaded_by_their_band()
    {
        var html = Page(SyntheticReports.Lifecycle());

        Assert.Contains("<svg id=\"survival\"", html, StringComparison.Ordinal);
        Assert.Contains("<circle class=\"point\" data-series=\"survival-2024-01\" data-cohort=\"2024-01\" data-day=\"30\" data-at-risk=\"80\" data-churned=\"5\" data-lower=\"0.7431\" data-upper=\"0.8652\" data-value=\"0.8125\"", html, StringComparison.Ordinal);
        Assert.Contains("<title>2024-01 day 30: 81.2% not yet churned (95% band 74.3%–86.5%); 80 at risk, 5 churned that day</title>", html, StringComparison.Ordinal);
        Assert.Contains("<circle class=\"point\" data-series=\"survival-all\" data-cohort=\"all\" data-day=\"45\" data-at-risk=\"150\" data-churned=\"30\" data-lower=\"0.71\" data-upper=\"0.8159\" data-value=\"0.768\"", html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(html, "<polygon class=\"band\" data-series=\"band-(2024-01|all)\""));
        // A step curve from S = 1 at day 0: horizontal to day 3, then down.
        Assert.Matches("<path class=\"series\" data-series=\"survival-2024-01\" d=\"M80\\.0,40\\.0 H[0-9.]+ V", html);
    }

    [Fact]
    public void The_lifespan_table_has_a_row_per_cohort_and_omits_what_is_not_reached()
    {
        var html = Page(SyntheticReports.Lifecycle());

        Assert.Contains("<tr class=\"lifespan\" data-cohort=\"2024-01\" data-users=\"120\" data-churned=\"70\" data-median=\"41.5\" data-median-lower=\"30\" data-median-upper=\"58\" data-restricted-mean=\"44.25\" data-horizon=\"90\"", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"lifespan\" data-cohort=\"2024-02\" data-users=\"90\" data-churned=\"20\" data-restricted-mean=\"71.125\" data-horizon=\"90\"", html, StringComparison.Ordinal);
        Assert.Contains("not reached (more than half not yet churned)", html, StringComparison.Ordinal);
        // An unbounded upper end is said in words, never written as a number.
        Assert.Contains("<tr class=\"lifespan\" data-cohort=\"all\" data-users=\"300\" data-churned=\"130\" data-median=\"60\" data-median-lower=\"48\" data-restricted-mean", html, StringComparison.Ordinal);
        Assert.Contains("60.0 (48.0–unbounded)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_by_cohort_and_value_at_risk_by_segment_are_bars_with_their_rows()
    {
        var html = Page(SyntheticReports.Lifecycle());

        var cohort = "data-cohort=\"2024-01\" data-users=\"120\" data-buyers=\"40\" data-revenue=\"1234.5\" data-expected-purchases=\"89.25\" data-predicted-value=\"567.75\" data-mean-p-alive=\"0.61\"";
        Assert.Contains($"<rect class=\"bar\" data-series=\"revenue\" {cohort} data-value=\"{(1234.5 / 120).ToString("R", CultureInfo.InvariantCulture)}\"", html, StringComparison.Ordinal);
        Assert.Contains($"<rect class=\"bar\" data-series=\"predicted\" {cohort} data-value=\"{(567.75 / 120).ToString("R", CultureInfo.InvariantCulture)}\"", html, StringComparison.Ordinal);
        // Segments by value at risk, largest first.
        var atRisk = SegmentBar().Matches(html).Select(m => (m.Groups["segment"].Value, m.Groups["value"].Value)).ToList();
        Assert.Equal([("at_risk", "260.75"), ("active", "120.25"), ("group_2", "90"), ("rfm_champions", "35")], atRisk);
        Assert.Contains("data-segment=\"at_risk\" data-users=\"40\" data-predicted-value=\"400\" data-value-at-risk=\"260.75\" data-mean-churn-risk=\"0.65\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_sizes_are_drawn_per_family_over_the_as_of_days()
    {
        var html = Page(SyntheticReports.Lifecycle());

        Assert.Contains("<svg id=\"segment-sizes-stages\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"segment-sizes-rfm\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"segment-sizes-groups\"", html, StringComparison.Ordinal);
        Assert.Contains("<circle class=\"point\" data-series=\"active\" data-segment=\"active\" data-day=\"2024-03-30\" data-users=\"145\" data-value=\"145\"", html, StringComparison.Ordinal);
        Assert.Contains("<circle class=\"point\" data-series=\"group_2\" data-segment=\"group_2\" data-day=\"2024-03-31\" data-users=\"55\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Engagement_is_drawn_per_day_and_per_cohort()
    {
        var html = Page(SyntheticReports.Lifecycle());

        var day = $"data-day=\"2024-03-31\" data-active-users=\"12\" data-sessions=\"17\" data-sessions-per-active-user=\"{(17 / 12.0).ToString("R", CultureInfo.InvariantCulture)}\" data-mean-minutes=\"6.75\" data-median-minutes=\"4.5\" data-events-per-session=\"3.25\"";
        Assert.Contains($"<circle class=\"point\" data-series=\"sessions\" {day} data-value=\"17\"", html, StringComparison.Ordinal);
        Assert.Contains($"<circle class=\"point\" data-series=\"median-minutes\" {day} data-value=\"4.5\"", html, StringComparison.Ordinal);
        Assert.Contains($"<circle class=\"point\" data-series=\"events-per-session\" {day} data-value=\"3.25\"", html, StringComparison.Ordinal);
        Assert.Contains("<rect class=\"bar\" data-series=\"sessions-per-user\" data-cohort=\"2024-01\" data-users=\"5\" data-sessions=\"9\" data-sessions-per-user=\"1.8\" data-mean-minutes=\"7.5\" data-events-per-session=\"2.5\" data-value=\"1.8\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_lifecycle_report_the_page_says_so_and_still_draws_retention()
    {
        var html = Page(null);

        Assert.Contains("<p id=\"lifecycle-empty\">No lifecycle report yet", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg id=\"survival\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"heatmap\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_lifecycle_report_says_which_charts_have_no_rows()
    {
        var html = Page(new LifecycleCharts(SyntheticReports.AsOf, [], [], [], [], [], [], []));

        foreach (var id in new[] { "survival", "lifespans", "cohort-value", "segment-value", "segment-sizes", "engagement-days", "engagement-cohorts" })
        {
            Assert.Contains($"<p id=\"{id}-empty\">", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_page_runs_no_script_requests_no_other_host_and_titles_every_mark()
    {
        var html = Page(SyntheticReports.Lifecycle(), new PageLinks(new ReportRange(new DateOnly(2024, 1, 1), null), "key&1"));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("//", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(?i)\\s(src|on[a-z]+)=|<(link|iframe|img|object|embed)\\b|url\\(|@import", html);
        // The only links: same-origin CSV downloads of the retention rows, carrying the range and the key.
        var links = Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(4, links.Count);
        Assert.All(links, l => Assert.Matches("^/api/retention/(daily|monthly|activity|segments)\\?format=csv&amp;from=2024-01-01&amp;code=key%261$", l));
        // Every drawn mark carries a title (tooltip), lifespan rows as an attribute.
        var marks = Regex.Matches(html, "<(circle|rect|polygon) class=\"(point|bar|band|cell)\"[^>]*>(?<next>.{7})").ToList();
        Assert.True(marks.Count > 40, $"only {marks.Count} marks");
        Assert.All(marks, m => Assert.Equal("<title>", m.Groups["next"].Value));
        Assert.All(Regex.Matches(html, "<tr class=\"lifespan\"[^>]*>"), m => Assert.Contains(" title=\"", m.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Names_from_the_data_are_encoded()
    {
        var lifecycle = SyntheticReports.Lifecycle() with
        {
            SegmentValue = [new SegmentValueRow("group_<b onmouseover=\"x\">", 1, 2, 1, 0.5)],
            Survival = [new SurvivalRow("\"><script>", 1, 10, 1, 0.9, 0.8, 0.95)],
        };
        var html = Page(lifecycle);

        Assert.DoesNotContain("<b onmouseover", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("data-segment=\"group_&lt;b onmouseover=&quot;x&quot;&gt;\"", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<rect class=\"bar\" data-series=\"at-risk\" data-segment=\"(?<segment>[^\"]+)\"[^>]* data-value=\"(?<value>[^\"]+)\"")]
    private static partial Regex SegmentBar();
}
