using System.ComponentModel.DataAnnotations;

namespace Longview.Infrastructure.Semantics;

/// <summary>The encoder adapter's settings (section <c>Longview:Semantics:Encoder</c>).</summary>
public sealed class TextEncoderOptions
{
    public const string SectionName = "Longview:Semantics:Encoder";

    /// <summary>ONNX Runtime threads per encoder call; 1 keeps encoding from starving the request path.</summary>
    [Range(1, 64)]
    public int IntraOpThreads { get; set; } = 1;
}
