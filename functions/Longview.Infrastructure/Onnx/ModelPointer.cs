using System.Text.Json;
using Longview.Core.Serialization;

namespace Longview.Infrastructure.Onnx;

/// <summary>
/// <c>models/current.json</c>: which version serves and where its files are. <see cref="Path"/> may name the container
/// first (<c>models/v1/</c>) or not (<c>v1/</c>); both resolve to the same blobs.
/// </summary>
public sealed record ModelPointer(string Version, string Path, DateTimeOffset? PromotedAt, JsonElement? Metrics)
{
    public static ModelPointer Parse(ReadOnlyMemory<byte> content, string container)
    {
        ModelPointer? pointer;
        try
        {
            pointer = JsonSerializer.Deserialize<ModelPointer>(content.Span, LongviewJson.Options);
        }
        catch (JsonException ex)
        {
            throw new ModelRejectedException($"pointer is not valid JSON: {ex.Message}");
        }
        if (pointer is null || string.IsNullOrWhiteSpace(pointer.Version))
        {
            throw new ModelRejectedException("pointer has no version");
        }
        if (pointer.Version.Length > 128 || pointer.Version.Any(c => char.IsControl(c) || c is '/' or '\\'))
        {
            throw new ModelRejectedException($"pointer version '{pointer.Version}' is not a safe folder name");
        }
        var path = string.IsNullOrWhiteSpace(pointer.Path) ? pointer.Version + "/" : pointer.Path.Replace('\\', '/');
        if (path.StartsWith('/') || path.Split('/').Any(part => part == ".."))
        {
            throw new ModelRejectedException($"pointer path '{pointer.Path}' must be relative and stay inside the container");
        }
        if (path.StartsWith(container + "/", StringComparison.Ordinal))
        {
            path = path[(container.Length + 1)..];
        }
        return pointer with { Path = path.EndsWith('/') ? path : path + "/" };
    }
}

/// <summary>A model version that must not serve, with the reason that goes to the log.</summary>
public sealed class ModelRejectedException(string reason) : Exception(reason);
