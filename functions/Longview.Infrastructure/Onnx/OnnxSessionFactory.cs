using Microsoft.ML.OnnxRuntime;

namespace Longview.Infrastructure.Onnx;

/// <summary>Creates sessions with the measured serving settings (DESIGN.md): sequential, one intra-op thread, no spinning.</summary>
public static class OnnxSessionFactory
{
    public static InferenceSession Create(byte[] model, OnnxModelOptions options, string file)
    {
        using var session = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, options.IntraOpNumThreads),
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        session.AddSessionConfigEntry("session.intra_op.allow_spinning", options.AllowSpinning ? "1" : "0");
        session.AddSessionConfigEntry("session.inter_op.allow_spinning", options.AllowSpinning ? "1" : "0");
        if (options.ExecutionProvider == OnnxExecutionProvider.Cuda)
        {
            try
            {
                session.AppendExecutionProvider_CUDA(options.CudaDeviceId);
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                throw new ModelRejectedException($"{file}: the CUDA execution provider is not available ({ex.Message}); deploy Microsoft.ML.OnnxRuntime.Gpu or set ExecutionProvider to Cpu");
            }
        }
        try
        {
            return new InferenceSession(model, session);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelRejectedException($"{file} does not load in ONNX Runtime: {ex.Message}");
        }
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
