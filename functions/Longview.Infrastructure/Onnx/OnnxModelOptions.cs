using System.ComponentModel.DataAnnotations;

namespace Longview.Infrastructure.Onnx;

public enum OnnxExecutionProvider
{
    Cpu,

    /// <summary>Appends the CUDA execution provider; needs the Microsoft.ML.OnnxRuntime.Gpu package deployed.</summary>
    Cuda,
}

public sealed class OnnxModelOptions
{
    public const string SectionName = "Longview:Onnx";

    /// <summary>The <c>IBlobStore</c> container holding the pointer and the model versions.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Container { get; set; } = "models";

    /// <summary>Blob name of the pointer to the serving version.</summary>
    public string PointerName { get; set; } = "current.json";

    /// <summary>How often the pointer's ETag is checked for a newly promoted version.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    [EnumDataType(typeof(OnnxExecutionProvider), ErrorMessage = "ExecutionProvider must be Cpu or Cuda")]

    public OnnxExecutionProvider ExecutionProvider { get; set; } = OnnxExecutionProvider.Cpu;

    [Range(0, 64)]

    public int CudaDeviceId { get; set; }

    /// <summary>Threads per inference. 1 is the measured best on a small box: requests parallelise across cores instead.</summary>
    [Range(1, 1024)]
    public int IntraOpNumThreads { get; set; } = 1;

    /// <summary>Busy-waiting ORT threads burn the cores requests need; off by default.</summary>
    public bool AllowSpinning { get; set; }

    /// <summary>Refuse model files larger than this (bytes).</summary>
    [Range(1, long.MaxValue)]
    public long MaxModelBytes { get; set; } = 512L * 1024 * 1024;

    public long MaxManifestBytes { get; set; } = 256L * 1024 * 1024;

    public int MaxVocabulary { get; set; } = 5_000_000;

    public int MaxSequenceLength { get; set; } = 4096;
}
