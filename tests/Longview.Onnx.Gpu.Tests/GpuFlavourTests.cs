using System.Runtime.InteropServices;
using Longview.Functions.Hosting;
using Longview.Infrastructure.Onnx;
using Longview.Infrastructure.Tests;
using Longview.Infrastructure.Tests.Onnx;
using Longview.Infrastructure.Tests.Onnx.Parity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Longview.Onnx.Gpu.Tests;

/// <summary>
/// The GPU flavour (Microsoft.ML.OnnxRuntime.Gpu, built with -p:OnnxFlavour=Gpu) on whatever machine runs the suite: it
/// loads, scores as the CPU flavour recorded (FlavourParity), and a CUDA setting without a usable CUDA serves on the CPU
/// with the reason logged. Where CUDA works, the same test proves the CUDA provider scores within the same bound.
/// </summary>
public sealed class GpuFlavourTests
{
    [Fact]
    public void This_process_runs_the_gpu_build_of_onnx_runtime()
    {
        // Without this the rest of the suite could pass on the CPU package and prove nothing about the GPU flavour.
        var providers = OrtEnv.Instance().GetAvailableProviders();
        Assert.Contains(OnnxSessionFactory.CudaProviderName, providers);
        Assert.Contains("CPUExecutionProvider", providers);
        var cudaLibrary = OperatingSystem.IsWindows() ? "onnxruntime_providers_cuda.dll" : "libonnxruntime_providers_cuda.so";
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", cudaLibrary))
            || File.Exists(Path.Combine(AppContext.BaseDirectory, "runtimes", OperatingSystem.IsWindows() ? "win-x64" : "linux-x64", "native", cudaLibrary)),
            $"{cudaLibrary} is not in the build output {AppContext.BaseDirectory}");
    }

    [Fact]
    public async Task The_cpu_provider_of_the_gpu_build_scores_as_the_cpu_flavour()
    {
        var store = new InMemoryBlobStore();
        var log = new ListLogger<OnnxModelProvider>();
        await FlavourParity.PromoteAsync(store);
        using var provider = FlavourParity.Provider(store, OnnxExecutionProvider.Cpu, log);

        Assert.Equal(ModelRefreshOutcome.Loaded, await provider.RefreshAsync(default));

        Assert.Equal(OnnxExecutionProvider.Cpu, provider.ExecutionProvider);
        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Warning);
        using var lease = provider.Acquire()!;
        var scores = FlavourParity.Measure(lease);
        var recorded = FlavourParity.Recorded();
        var worst = FlavourParity.WorstDifference(scores, recorded);
        Assert.True(worst <= FlavourParity.Tolerance, $"max |GPU flavour on CPU - recorded CPU flavour| = {worst}");
        Assert.Equal(FlavourParity.Top10(recorded), FlavourParity.Top10(scores));
    }

    [Fact]
    public async Task Cuda_serves_where_it_works_and_otherwise_falls_back_to_the_cpu_with_the_reason_logged_once()
    {
        var log = new ListLogger<OnnxModelProvider>();
        using var provider = await FlavourParity.ServeAndSwapAsync(OnnxExecutionProvider.Cuda, log);

        var warnings = log.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => e.Message).ToList();
        if (provider.ExecutionProvider == OnnxExecutionProvider.Cuda)
        {
            Assert.Empty(warnings);
        }
        else
        {
            // Here: the GPU build is deployed but the CUDA 13 libraries are not, and the log names the one the loader missed.
            var warning = Assert.Single(warnings);
            Assert.Contains("CUDA execution provider is configured", warning);
            Assert.Contains("serving on the CPU", warning);
            Assert.Matches(@"lib\w+\.so\.\d+|\.dll|device|driver", warning);
        }
        Assert.Contains(log.Entries, e => e.Message.Contains($"Serving model {FlavourParity.SwappedVersion}") && e.Message.Contains($"on {provider.ExecutionProvider}"));
        FlavourParity.AssertServesSwappedVersionAsRecorded(provider);
    }

    [Fact]
    public void The_functions_app_reads_the_execution_provider_setting_and_refuses_an_unknown_one()
    {
        static OnnxModelOptions Bind(string value)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [$"{ServingRegistration.OnnxSection}:ExecutionProvider"] = value })
                .Build();
            var services = new ServiceCollection().AddLogging();
            services.AddLongviewServing(configuration);
            using var built = services.BuildServiceProvider();
            return built.GetRequiredService<IOptions<OnnxModelOptions>>().Value;
        }

        Assert.Equal(OnnxExecutionProvider.Cuda, Bind("Cuda").ExecutionProvider);
        Assert.Equal(OnnxExecutionProvider.Cpu, Bind("Cpu").ExecutionProvider);
        var unknownName = Assert.Throws<InvalidOperationException>(() => Bind("Gpu"));
        Assert.Contains("Longview:Onnx:ExecutionProvider", unknownName.Message);
        var unknownNumber = Assert.Throws<OptionsValidationException>(() => Bind("7"));
        Assert.Contains("ExecutionProvider must be Cpu or Cuda", unknownNumber.Message);
    }
}
