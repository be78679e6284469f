using System.Text.Json;

namespace Longview.Infrastructure.Tests.Onnx;

/// <summary>Skips when the training job or Debian's torch is missing, saying which.</summary>
public sealed class TrainedModelFactAttribute : FactAttribute
{
    public TrainedModelFactAttribute()
    {
        Skip = TinyModels.Unavailable ?? TrainedModel.Unavailable;
    }
}

/// <summary>One tiny run of the real training job (training/longview_training), built once per test class.</summary>
public sealed class TrainedModel : IDisposable
{
    public TrainedModel()
    {
        Folder = Path.Combine(Path.GetTempPath(), "longview-trained-model-" + Guid.NewGuid().ToString("N"));
        if (TinyModels.Unavailable is null && Unavailable is null)
        {
            Directory.CreateDirectory(Folder);
            TinyModels.RunScript("train_tiny_real_model.py", [TinyModels.RepositoryRoot(), Folder]);
            using var manifest = JsonDocument.Parse(File("manifest.json"));
            Version = manifest.RootElement.GetProperty("version").GetString()!;
        }
    }

    public static string? Unavailable =>
        Directory.Exists(Path.Combine(TinyModels.RepositoryRoot(), "training", "longview_training"))
            ? null
            : "skipped: the training job (training/longview_training) is not in this checkout";

    public string Folder { get; }

    public string Version { get; } = "";

    public byte[] File(string name) => System.IO.File.ReadAllBytes(Path.Combine(Folder, "model", name));

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
