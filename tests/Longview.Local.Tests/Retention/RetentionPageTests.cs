using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Longview.Core.Retention.Jobs;
using Longview.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Local.Tests.Retention;

/// <summary>The retention page in a real headless Chromium: it loads, draws the API's numbers, and screenshots.</summary>
public sealed partial class RetentionPageTests
{
    [ChromiumFact]
    public async Task The_page_draws_the_heatmap_curves_and_activity_from_the_api_data()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);
        await RetentionData.PostAsync(app.Client);
        await app.Services.GetRequiredService<RetentionJob>().RunAsync(RetentionData.AsOf);
        var monthly = JsonNode.Parse(await app.Client.GetStringAsync("/api/retention/monthly"))!["rows"]!.AsArray();
        var activity = JsonNode.Parse(await app.Client.GetStringAsync("/api/retention/activity?from=2024-03-01&to=2024-03-31"))!["rows"]!.AsArray();

        var dom = await Chromium.RunAsync(Path.Combine(folder.Path, "chromium-dom"), new Uri(app.Client.BaseAddress!, "/retention").ToString(), "--dump-dom");

        Assert.Contains("<h1>Retention</h1>", dom, StringComparison.Ordinal);
        // Every elapsed monthly cell of the API is a heatmap cell with the same rate, and nothing else is.
        var cells = HeatmapCell().Matches(dom).Select(m => (m.Groups["cohort"].Value, int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture), m.Groups["rate"].Value)).ToList();
        var expected = monthly.Where(r => r!["retentionRate"] is not null)
            .Select(r => (((string)r!["cohortMonth"]!)[..7], (int)r["month"]!, ((double)r["retentionRate"]!).ToString("R", CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(expected.Order(), cells.Order());
        Assert.Contains(("2024-01", 1, (1.0 / 3).ToString("R", CultureInfo.InvariantCulture)), cells);
        Assert.Contains(("2024-02", 1, "1"), cells);
        Assert.Contains("2024-01 month 1: 1 of 3 (33.3%)", dom, StringComparison.Ordinal);
        // Curves: day 1 pools cohorts 01-01 (a of a, b), 01-15 (c), 02-01 (d): 1 retained of 4.
        Assert.Matches(CurvePoint("nday", 1, "0.25"), dom);
        // Activity: the stickiness point of 2024-03-01 is DAU 1 / MAU 2, as the API says.
        var march1 = activity.Single(r => (string?)r!["day"] == "2024-03-01")!;
        Assert.Equal(0.5, (double)march1["stickiness"]!);
        Assert.Matches("<circle class=\"point\" data-series=\"dau-mau\" data-day=\"2024-03-01\" data-dau=\"1\" data-mau=\"2\" data-value=\"0.5\"", dom);
        Assert.Contains("<path class=\"series\" data-series=\"mau\"", dom, StringComparison.Ordinal);

        var png = Path.Combine(folder.Path, "retention.png");
        await Chromium.RunAsync(Path.Combine(folder.Path, "chromium-png"), new Uri(app.Client.BaseAddress!, "/api/retention/report").ToString(), $"--screenshot={png}");
        var bytes = await File.ReadAllBytesAsync(png);
        Assert.True(bytes.Length > 20_000, $"screenshot is only {bytes.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        if (Environment.GetEnvironmentVariable("LONGVIEW_SCREENSHOT_DIR") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            File.Copy(png, Path.Combine(keep, "retention.png"), overwrite: true);
        }
    }

    [GeneratedRegex("<rect class=\"cell\" data-cohort=\"(?<cohort>[0-9-]+)\" data-month=\"(?<month>[0-9]+)\" data-retained=\"[0-9]+\" data-size=\"[0-9]+\" data-rate=\"(?<rate>[^\"]+)\"")]
    private static partial Regex HeatmapCell();

    private static string CurvePoint(string series, int n, string value) =>
        $"<circle class=\"point\" data-series=\"{series}\" data-n=\"{n}\" data-retained=\"[0-9]+\" data-size=\"[0-9]+\" data-value=\"{Regex.Escape(value)}\"";
}
