using System.Text.Json;
using Longview.Infrastructure.Onnx;
using Microsoft.Extensions.Logging;

namespace Longview.Infrastructure.Tests.Onnx.Parity;

/// <summary>The CPU flavour (Microsoft.ML.OnnxRuntime) against the recorded parity scores, and CUDA asked of it.</summary>
public sealed class CpuFlavourParityTests
{
    private const string RecordVariable = "LONGVIEW_RECORD_CPU_SCORES";

    [Fact]
    public async Task The_cpu_flavour_scores_the_parity_model_as_recorded()
    {
        var store = new InMemoryBlobStore();
        await FlavourParity.PromoteAsync(store);
        using var provider = FlavourParity.Provider(store, OnnxExecutionProvider.Cpu, new ListLogger<OnnxModelProvider>());
        Assert.Equal(ModelRefreshOutcome.Loaded, await provider.RefreshAsync(default));
        using var lease = provider.Acquire()!;

        var scores = FlavourParity.Measure(lease);

        if (Environment.GetEnvironmentVariable(RecordVariable) == "1")
        {
            // Recording mode, for a new parity model or a new ONNX Runtime version: writes the source file, then checks it.
            var source = Path.Combine(TinyModels.RepositoryRoot(), "tests", "Longview.Infrastructure.Tests", "Onnx", "Parity", "cpu-scores.json");
            await File.WriteAllBytesAsync(source, JsonSerializer.SerializeToUtf8Bytes(scores, new JsonSerializerOptions { WriteIndented = true }));
            await File.WriteAllBytesAsync(FlavourParity.RecordedFile, await File.ReadAllBytesAsync(source));
        }
        var recorded = FlavourParity.Recorded();
        var worst = FlavourParity.WorstDifference(scores, recorded);
        Assert.True(worst <= FlavourParity.Tolerance, $"max |CPU flavour - recorded| = {worst}; the GPU flavour is checked against the same recording ({RecordVariable}=1 re-records)");
        Assert.Equal(FlavourParity.Top10(recorded), FlavourParity.Top10(scores));
    }

    [Fact]
    public async Task Asking_the_cpu_package_for_cuda_serves_on_the_cpu_and_logs_why_once()
    {
        var log = new ListLogger<OnnxModelProvider>();
        using var provider = await FlavourParity.ServeAndSwapAsync(OnnxExecutionProvider.Cuda, log);

        Assert.Equal(OnnxExecutionProvider.Cpu, provider.ExecutionProvider);
        var warning = Assert.Single(log.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("serving on the CPU", warning.Message);
        Assert.Contains("no CUDA execution provider", warning.Message);
        FlavourParity.AssertServesSwappedVersionAsRecorded(provider);
    }
}
