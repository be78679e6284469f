using System.Diagnostics;

namespace Longview.Local.Tests.Retention;

/// <summary>Debian's headless Chromium, run as a child process with no network beyond the page's own origin.</summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static async Task<string> RunAsync(string userDataDir, string url, params string[] modeArgs)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={userDataDir}", "--window-size=1400,1800",
        }.Concat(modeArgs).Append(url))
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish within 120 s: {await stderr}");
        }
        Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}

/// <summary>A fact skipped, saying why, when Debian's chromium is not installed.</summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium.Path))
        {
            Skip = $"[SKIP] {Chromium.Path} absent: install Debian's chromium (./dev setup does) to test the retention page in a real browser";
        }
    }
}
