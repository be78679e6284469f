using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Longview.Core.Ports;
using Longview.Core.Serialization;

namespace Longview.Local.Serving;

/// <summary>
/// Puts a training job output folder (manifest.json, model.onnx, optional churn.onnx and text_projection.bin) into a blob store as
/// <c>models/{version}/</c> and points <c>models/current.json</c> at it, the layout the ONNX provider serves from.
/// Used by <c>evaluate</c> and the serve benchmark; the training pipeline promotes through the same layout.
/// </summary>
public static class ModelFolderInstaller
{
    public const string Container = "models";
    private static readonly string[] Files = ["manifest.json", "model.onnx", "churn.onnx", "text_projection.bin"];

    /// <returns>The version named by the folder's manifest.</returns>
    public static async Task<string> InstallAsync(IBlobStore blobs, string modelFolder, DateTimeOffset promotedAt, CancellationToken cancellationToken)
    {
        var manifestPath = Path.Combine(modelFolder, "manifest.json");
        if (!File.Exists(manifestPath) || !File.Exists(Path.Combine(modelFolder, "model.onnx")))
        {
            throw new FileNotFoundException($"{modelFolder} is not a model folder: it needs manifest.json and model.onnx (the training job's --out folder)");
        }
        JsonNode manifest;
        await using (var stream = File.OpenRead(manifestPath))
        {
            manifest = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken)
                ?? throw new InvalidDataException($"{manifestPath} is empty");
        }
        var version = (string?)manifest["version"] ?? throw new InvalidDataException($"{manifestPath} has no version");
        foreach (var name in Files)
        {
            var path = Path.Combine(modelFolder, name);
            if (File.Exists(path))
            {
                await blobs.PutAsync(Container, $"{version}/{name}", await File.ReadAllBytesAsync(path, cancellationToken), cancellationToken: cancellationToken);
            }
        }
        var pointer = new JsonObject
        {
            ["version"] = version,
            ["path"] = $"{Container}/{version}/",
            ["promotedAt"] = promotedAt.ToString("O"),
            ["metrics"] = manifest["metrics"]?.DeepClone(),
        };
        await blobs.PutAsync(Container, "current.json", Encoding.UTF8.GetBytes(pointer.ToJsonString(LongviewJson.Options)), cancellationToken: cancellationToken);
        return version;
    }
}
