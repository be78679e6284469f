using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Longview.Core.Ports;

namespace Longview.Infrastructure.Tests.Onnx;

/// <summary>Skips ONNX tests with a clear message where Debian's torch is not installed.</summary>
public sealed class TorchFactAttribute : FactAttribute
{
    public TorchFactAttribute()
    {
        if (TinyModels.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>
/// Real model versions built once per test run by make_tiny_model.py with Debian's torch (v1 and v2 differ by seed).
/// When the training job can run a tiny real training fast, switch <see cref="Build"/> to
/// <c>python3 -m longview_training train</c>: the tests only rely on the version folder format.
/// </summary>
public sealed class TinyModels : IDisposable
{
    public const string Python = "/usr/bin/python3";
    private static readonly Lazy<string?> Availability = new(CheckTorch);

    public TinyModels()
    {
        Folder = Path.Combine(Path.GetTempPath(), "longview-tiny-models-" + Guid.NewGuid().ToString("N"));
        if (Unavailable is null)
        {
            Build(Folder, "v1:1", "v2:2");
        }
    }

    public static string? Unavailable => Availability.Value;

    public string Folder { get; }

    public byte[] File(string version, string name) => System.IO.File.ReadAllBytes(Path.Combine(Folder, version, name));

    public JsonDocument Reference(string version) => JsonDocument.Parse(File(version, "reference.json"));

    /// <summary>Uploads a version folder under <c>models/{as}/</c>, optionally altering files on the way.</summary>
    public async Task UploadAsync(IBlobStore store, string version, string? @as = null, Func<string, byte[], byte[]?>? alter = null)
    {
        @as ??= version;
        foreach (var name in new[] { "model.onnx", "manifest.json", "churn.onnx", "reference.json" })
        {
            var content = File(version, name);
            if (name == "manifest.json")
            {
                content = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content).Replace($"\"version\": \"{version}\"", $"\"version\": \"{@as}\""));
            }
            var altered = alter is null ? content : alter(name, content);
            if (altered is not null)
            {
                await store.PutAsync("models", $"{@as}/{name}", altered);
            }
        }
    }

    public static Task PromoteAsync(IBlobStore store, string version) =>
        store.PutAsync("models", "current.json", Encoding.UTF8.GetBytes(
            $$"""{"version": "{{version}}", "path": "models/{{version}}/", "promotedAt": "2026-11-02T00:00:00Z", "metrics": { } }"""));

    private static void Build(string folder, params string[] specs) =>
        RunScript("make_tiny_model.py", [folder, .. specs]);

    /// <summary>Runs one of the Python helpers next to this file with Debian's python, one BLAS thread.</summary>
    internal static void RunScript(string script, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "tests", "Longview.Infrastructure.Tests", "Onnx", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["OPENBLAS_NUM_THREADS"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}): {stderr.Result}");
        }
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Serverless.sln above {AppContext.BaseDirectory}");
    }

    private static string? CheckTorch()
    {
        try
        {
            var start = new ProcessStartInfo(Python, ["-c", "import torch, onnx"]) { RedirectStandardError = true };
            using var process = Process.Start(start)!;
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"skipped: {Python} cannot import torch and onnx (apt install python3-torch python3-onnx)";
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or FileNotFoundException)
        {
            return $"skipped: {Python} is not installed ({ex.Message})";
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
