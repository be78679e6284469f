using Longview.Api.Pages;
using Longview.Local.Tests.Retention;
using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Pages;

/// <summary>The whole report page, lifecycle and list outcomes included, in a real headless Chromium: it parses, keeps its marks, and draws.</summary>
public sealed class ReportPageBrowserTests
{
    [ChromiumFact]
    public async Task Chromium_keeps_every_lifecycle_and_outcome_mark_and_draws_the_page()
    {
        using var folder = new TempFolder();
        var page = Path.Combine(folder.Path, "report.html");
        var html = ReportPage.Render(SyntheticReports.Daily(), SyntheticReports.Monthly(), SyntheticReports.Activity(), SyntheticReports.Lifecycle(), outcomes: SyntheticReports.Outcomes());
        await File.WriteAllTextAsync(page, html);

        var dom = await Chromium.RunAsync(Path.Combine(folder.Path, "chromium-dom"), new Uri(page).AbsoluteUri, "--dump-dom");

        foreach (var id in new[] { "heatmap", "curves", "users", "stickiness", "survival", "cohort-value", "segment-value", "segment-sizes-stages", "segment-sizes-rfm", "segment-sizes-groups", "engagement-users", "engagement-ratios", "engagement-minutes", "engagement-cohorts",
                     "outcome-ctr-position", "outcome-ctr-variant", "outcome-ctr-reason", "outcome-conversion", "outcome-value" })
        {
            Assert.Contains($"<svg id=\"{id}\"", dom, StringComparison.Ordinal);
        }
        // The browser's DOM holds as many marks as the server wrote: nothing was dropped by the parser.
        foreach (var mark in new[] { "<circle class=\"point\"", "<rect class=\"bar\"", "<polygon class=\"band\"", "<tr class=\"lifespan\"" })
        {
            Assert.Equal(Count(html, mark), Count(dom, mark));
        }
        Assert.Contains("data-cohort=\"2024-01\" data-day=\"30\" data-at-risk=\"80\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-variant=\"ranking/fresh\" data-impressions=\"1000\" data-clicks=\"90\"", dom, StringComparison.Ordinal);

        var png = Path.Combine(folder.Path, "report.png");
        await Chromium.RunAsync(Path.Combine(folder.Path, "chromium-png"), new Uri(page).AbsoluteUri, $"--screenshot={png}");
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.True(bytes.Length > 20_000, $"screenshot is only {bytes.Length} bytes");
        if (Environment.GetEnvironmentVariable("LONGVIEW_SCREENSHOT_DIR") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            File.Copy(png, Path.Combine(keep, "report.png"), overwrite: true);
        }
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
