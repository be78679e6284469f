namespace Longview.Infrastructure.Onnx;

/// <summary>A model version that must not serve, with the reason that goes to the log.</summary>
public sealed class ModelRejectedException(string reason) : Exception(reason);
