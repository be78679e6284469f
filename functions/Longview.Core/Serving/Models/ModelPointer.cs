using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Longview.Core.Serialization;

namespace Longview.Core.Serving.Models;

/// <summary>
/// <c>models/current.json</c>: which version serves and where its files are. <see cref="Path"/> may name the container
/// first (<c>models/v1/</c>) or not (<c>v1/</c>); both resolve to the same blobs. Serving reads it, promotion writes it.
/// </summary>
public sealed record ModelPointer(string Version, string Path, DateTimeOffset? PromotedAt, JsonElement? Metrics)
{
    public const int MaxVersionLength = 128;

    /// <summary>A version is a folder name: non-empty, bounded, no separators or control characters.</summary>
    public static bool IsSafeVersion([NotNullWhen(true)] string? version) =>
        !string.IsNullOrWhiteSpace(version) && version.Length <= MaxVersionLength &&
        !version.Any(c => char.IsControl(c) || c is '/' or '\\') && version is not "." and not "..";

    /// <summary>Parses and normalises a pointer (path relative to <paramref name="container"/>, ending in '/'); false with the reason when it must not be used.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> content, string container, [NotNullWhen(true)] out ModelPointer? pointer, [NotNullWhen(false)] out string? error)
    {
        pointer = null;
        ModelPointer? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<ModelPointer>(content.Span, LongviewJson.Options);
        }
        catch (JsonException ex)
        {
            error = $"pointer is not valid JSON: {ex.Message}";
            return false;
        }
        if (parsed is null || string.IsNullOrWhiteSpace(parsed.Version))
        {
            error = "pointer has no version";
            return false;
        }
        if (!IsSafeVersion(parsed.Version))
        {
            error = $"pointer version '{parsed.Version}' is not a safe folder name";
            return false;
        }
        var path = string.IsNullOrWhiteSpace(parsed.Path) ? parsed.Version + "/" : parsed.Path.Replace('\\', '/');
        if (path.StartsWith('/') || path.Split('/').Any(part => part == ".."))
        {
            error = $"pointer path '{parsed.Path}' must be relative and stay inside the container";
            return false;
        }
        if (path.StartsWith(container + "/", StringComparison.Ordinal))
        {
            path = path[(container.Length + 1)..];
        }
        pointer = parsed with { Path = path.EndsWith('/') ? path : path + "/" };
        error = null;
        return true;
    }
}
