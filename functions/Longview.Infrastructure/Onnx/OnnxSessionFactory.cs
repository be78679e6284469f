using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace Longview.Infrastructure.Onnx;

/// <summary>
/// Creates sessions with the measured serving settings (DESIGN.md): sequential, one intra-op thread, no spinning, on the
/// configured execution provider. Asking for CUDA where it cannot run (the CPU package is deployed, the CUDA 13 libraries
/// or the GPU are missing) does not stop serving: the factory logs one warning with the reason and creates every session
/// on the CPU from then on. CUDA is not retried within the process: its libraries do not appear while it runs.
/// </summary>
public sealed class OnnxSessionFactory(OnnxModelOptions options, ILogger logger)
{
    public const string CudaProviderName = "CUDAExecutionProvider";

    private string? _cudaUnavailable;

    /// <summary>The provider new sessions run on: <see cref="OnnxExecutionProvider.Cuda"/> only while CUDA is asked for and has not failed.</summary>
    public OnnxExecutionProvider ExecutionProvider =>
        options.ExecutionProvider == OnnxExecutionProvider.Cuda && Volatile.Read(ref _cudaUnavailable) is null ? OnnxExecutionProvider.Cuda : OnnxExecutionProvider.Cpu;

    public InferenceSession Create(byte[] model, string file)
    {
        if (ExecutionProvider == OnnxExecutionProvider.Cuda)
        {
            var onCuda = TryCreateOnCuda(model, file);
            if (onCuda is not null)
            {
                return onCuda;
            }
        }
        using var session = NewSessionOptions();
        try
        {
            return new InferenceSession(model, session);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelRejectedException($"{file} does not load in ONNX Runtime: {ex.Message}");
        }
    }

    /// <summary>A session on CUDA, or null once CUDA is known not to work here (then the caller loads on the CPU).</summary>
    private InferenceSession? TryCreateOnCuda(byte[] model, string file)
    {
        if (!OrtEnv.Instance().GetAvailableProviders().Contains(CudaProviderName))
        {
            FallBack("this ONNX Runtime build has no CUDA execution provider (the CPU package Microsoft.ML.OnnxRuntime is deployed; build the GPU flavour with -p:OnnxFlavour=Gpu)");
            return null;
        }
        using var session = NewSessionOptions();
        try
        {
            session.AppendExecutionProvider_CUDA(options.CudaDeviceId);
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            FallBack($"{ex.Message}: {CudaLibraryDiagnosis()}");
            return null;
        }
        try
        {
            return new InferenceSession(model, session);
        }
        catch (OnnxRuntimeException cudaFailure)
        {
            // A model that loads on the CPU but not with CUDA appended points at CUDA (no device, a driver too old); a model
            // that fails on both is the model's fault, and the CPU load below rejects it with the CPU's message.
            using var cpu = NewSessionOptions();
            InferenceSession onCpu;
            try
            {
                onCpu = new InferenceSession(model, cpu);
            }
            catch (OnnxRuntimeException)
            {
                throw new ModelRejectedException($"{file} does not load in ONNX Runtime: {cudaFailure.Message}");
            }
            onCpu.Dispose();
            FallBack($"{file} loads on the CPU but not on CUDA device {options.CudaDeviceId}: {cudaFailure.Message}");
            return null;
        }
    }

    private void FallBack(string reason)
    {
        if (Interlocked.CompareExchange(ref _cudaUnavailable, reason, null) is null)
        {
            logger.LogWarning("ONNX Runtime: the CUDA execution provider is configured (Longview:Onnx:ExecutionProvider=Cuda) but unavailable, serving on the CPU: {Reason}", reason);
        }
    }

    /// <summary>
    /// ONNX Runtime reports only "Failed to load shared library" and writes the missing dependency to its own stderr log;
    /// loading the CUDA provider library directly gets the loader's message, which names the missing CUDA library.
    /// </summary>
    private static string CudaLibraryDiagnosis()
    {
        var name = OperatingSystem.IsWindows() ? "onnxruntime_providers_cuda.dll" : "libonnxruntime_providers_cuda.so";
        var rid = RuntimeInformation.RuntimeIdentifier;
        var candidates = new[]
        {
            Path.Combine(AppContext.BaseDirectory, name),
            Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", name),
            Path.Combine(AppContext.BaseDirectory, "runtimes", OperatingSystem.IsWindows() ? "win-x64" : "linux-x64", "native", name),
        };
        var path = candidates.FirstOrDefault(File.Exists);
        if (path is null)
        {
            return $"{name} is not deployed next to the app";
        }
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(path));
            return $"{name} loads, so the CUDA runtime was found: check the GPU and its driver";
        }
        catch (DllNotFoundException ex)
        {
            return ex.Message;
        }
    }

    private SessionOptions NewSessionOptions()
    {
        var session = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, options.IntraOpNumThreads),
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        session.AddSessionConfigEntry("session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
        session.AddSessionConfigEntry("session.inter_op.allow_spinning", options.AllowSpinning ? "1" : "0");
        return session;
    }

    /// <summary>Checks one input and one output by name, element type and rank.</summary>
    public static void CheckSignature(InferenceSession session, string file, string input, Type inputType, string output)
    {
        if (!session.InputMetadata.TryGetValue(input, out var inMeta) || session.InputMetadata.Count != 1)
        {
            throw new ModelRejectedException($"{file} must have exactly one input named '{input}'; it has {string.Join(", ", session.InputMetadata.Keys)}");
        }
        if (inMeta.ElementType != inputType || inMeta.Dimensions.Length != 2)
        {
            throw new ModelRejectedException($"{file} input '{input}' must be {inputType.Name} [batch, n]; it is {inMeta.ElementType.Name} of rank {inMeta.Dimensions.Length}");
        }
        if (!session.OutputMetadata.TryGetValue(output, out var outMeta))
        {
            throw new ModelRejectedException($"{file} has no output named '{output}'; it has {string.Join(", ", session.OutputMetadata.Keys)}");
        }
        if (outMeta.ElementType != typeof(float) || outMeta.Dimensions.Length != 2)
        {
            throw new ModelRejectedException($"{file} output '{output}' must be float [batch, n]; it is {outMeta.ElementType.Name} of rank {outMeta.Dimensions.Length}");
        }
    }
}
