using System.Diagnostics;

namespace Longview.Infra.Tests;

internal sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs the real bicep CLI (from its NuGet package) and captures what it says.</summary>
internal static class BicepCli
{
    public static BicepResult Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(RepositoryPaths.Bicep)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Infra,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // Offline machines: bicep must not wait on telemetry or registry look-ups.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} ran over 3 minutes");
        }
        return new BicepResult(process.ExitCode, output.Result, error.Result);
    }
}
