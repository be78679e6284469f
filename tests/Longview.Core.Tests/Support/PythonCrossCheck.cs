using System.Diagnostics;
using System.Text.Json.Nodes;
using Longview.Core.Tests.Retention;

namespace Longview.Core.Tests.Support;

/// <summary>
/// Runs one of the independent Python scripts under tests/ (Debian's python with scipy, statsmodels, scikit-learn):
/// JSON in on standard input, JSON out on standard output. A failing script fails the test with its error output.
/// </summary>
internal static class PythonCrossCheck
{
    public static JsonArray Run(string script, JsonNode input)
    {
        var start = new ProcessStartInfo(CrossCheckEnvironment.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(CrossCheckEnvironment.RepositoryRoot(), "tests", script));
        start.Environment["OPENBLAS_NUM_THREADS"] = "1";
        using var process = Process.Start(start)!;
        process.StandardInput.Write(input.ToJsonString());
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), $"{script} did not finish within 2 minutes");
        Assert.True(process.ExitCode == 0, $"{script} exited {process.ExitCode}: {stderr.Result}");
        return JsonNode.Parse(stdout.Result)!.AsArray();
    }
}

/// <summary>A fact skipped, with the reason, where Debian's python3 or the named python3-* module is absent.</summary>
public sealed class DebianPythonFactAttribute : FactAttribute
{
    /// <param name="module">The module's folder in /usr/lib/python3/dist-packages.</param>
    /// <param name="package">Its Debian package name after "python3-".</param>
    public DebianPythonFactAttribute(string module, string package)
    {
        if (!File.Exists(CrossCheckEnvironment.Python) || !Directory.Exists($"/usr/lib/python3/dist-packages/{module}"))
        {
            Skip = $"{module} cross-check skipped: Debian's python3-{package} is not installed (./dev setup installs it)";
        }
    }
}
