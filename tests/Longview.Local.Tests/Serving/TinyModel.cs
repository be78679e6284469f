using System.Diagnostics;
using Longview.Core.Ports;
using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Serving;

/// <summary>Skips, saying why, where Debian's python has no torch/onnx to build the tiny model with.</summary>
public sealed class TinyModelFactAttribute : FactAttribute
{
    public TinyModelFactAttribute()
    {
        if (TinyModel.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>
/// One real model version (40 items item-1..item-40, maxLength 12) built once per test class by the ONNX adapter
/// tests' make_tiny_model.py, in the serving format (model.onnx, churn.onnx, manifest.json).
/// </summary>
public sealed class TinyModel : IDisposable
{
    public const string Python = "/usr/bin/python3";
    public const string Version = "v1";
    private static readonly Lazy<string?> Availability = new(CheckTorch);

    public TinyModel()
    {
        if (Unavailable is null)
        {
            Run(Script, Folder, $"{Version}:1");
        }
    }

    public static string? Unavailable => Availability.Value;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "longview-serving-model-" + Guid.NewGuid().ToString("N"));

    private static string Script => Path.Combine(SharedData.RepositoryRoot(), "tests", "Longview.Infrastructure.Tests", "Onnx", "make_tiny_model.py");

    public async Task UploadAsync(IBlobStore blobs)
    {
        foreach (var name in new[] { "model.onnx", "manifest.json", "churn.onnx" })
        {
            await blobs.PutAsync("models", $"{Version}/{name}", await File.ReadAllBytesAsync(Path.Combine(Folder, Version, name)));
        }
    }

    private static void Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
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
            throw new InvalidOperationException($"make_tiny_model.py failed ({process.ExitCode}): {stderr.Result}");
        }
    }

    private static string? CheckTorch()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import torch, onnx"]) { RedirectStandardError = true })!;
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"[SKIP] {Python} cannot import torch and onnx (apt install python3-torch python3-onnx): no model to serve";
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or FileNotFoundException)
        {
            return $"[SKIP] {Python} is not installed ({ex.Message}): no model to serve";
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
