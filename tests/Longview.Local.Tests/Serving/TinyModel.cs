using Longview.Core.Ports;
using Longview.Infrastructure.Tests.Onnx;

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
/// One real model version (40 items item-1..item-40, maxLength 12) in the serving format (model.onnx, churn.onnx,
/// manifest.json): version v1 of the ONNX adapter tests' <see cref="TinyModels"/>, built once per test class.
/// </summary>
public sealed class TinyModel : IDisposable
{
    public const string Version = "v1";
    private readonly TinyModels _models = new();

    public static string? Unavailable => TinyModels.Unavailable;

    public string Folder => _models.Folder;

    public Task UploadAsync(IBlobStore blobs) => _models.UploadAsync(blobs, Version);

    public void Dispose() => _models.Dispose();
}
