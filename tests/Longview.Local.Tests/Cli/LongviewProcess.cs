using System.Diagnostics;
using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Cli;

/// <summary>Runs the built <c>longview</c> app, or the repository's <c>./dev</c> script, as a caller would: a real process in a chosen directory.</summary>
internal static class LongviewProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>The app the <c>./dev</c> script runs, from the configuration this test was built with.</summary>
    public static string AppDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(SharedData.RepositoryRoot(), "functions", "Longview.Local", "bin", configuration, "net10.0", "longview.dll");
        }
    }

    public static Task<Result> RunAppAsync(string workingDirectory, params string[] args) =>
        RunAsync("dotnet", [AppDll, .. args], workingDirectory);

    public static Task<Result> RunDevAsync(string workingDirectory, params string[] args) =>
        RunAsync(Path.Combine(SharedData.RepositoryRoot(), "dev"), args, workingDirectory);

    private static async Task<Result> RunAsync(string file, IEnumerable<string> args, string workingDirectory)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["NO_COLOR"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
