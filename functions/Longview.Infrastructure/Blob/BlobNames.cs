using System.Text;

namespace Longview.Infrastructure.Blob;

/// <summary>
/// The names <see cref="AzureBlobStore"/> accepts, checked before any request so a bad name fails with a message
/// that says which rule. They are the folder store's rules (the shared blob-store contract holds both to them):
/// containers follow Azure's rules; blob names are '/'-separated relative paths that could not leave their
/// container on a file system either, so data moves between the two stores unchanged.
/// </summary>
internal static class BlobNames
{
    public const int MaxNameLength = 1024;

    public const int MaxSegmentBytes = 255;

    private static readonly char[] Forbidden = ['\\', ':', '*', '?', '"', '<', '>', '|'];

    public static string? ContainerProblem(string? container)
    {
        if (container is null || container.Length is < 3 or > 63)
        {
            return $"container '{container}' must be 3 to 63 characters long (is {container?.Length ?? 0}).";
        }
        for (var i = 0; i < container.Length; i++)
        {
            var c = container[i];
            var allowed = c is >= 'a' and <= 'z' or >= '0' and <= '9'
                || (c == '-' && i > 0 && i < container.Length - 1 && container[i - 1] != '-');
            if (!allowed)
            {
                return $"container '{container}' has '{c}' at position {i}: only lowercase letters, digits and single inner hyphens are allowed.";
            }
        }
        return null;
    }

    public static bool IsValidContainer(string? container) => ContainerProblem(container) is null;

    public static void RequireContainer(string container)
    {
        var problem = ContainerProblem(container);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(container));
        }
    }

    public static void RequireBlob(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("blob name is missing or empty.", nameof(name));
        }
        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"blob name '{name[..40]}…' has {name.Length} characters; the limit is {MaxNameLength}.", nameof(name));
        }
        RequireCharacters(name, nameof(name));
        if (name[0] == '/' || name[^1] == '/')
        {
            throw new ArgumentException($"blob name '{name}' must not start or end with '/'.", nameof(name));
        }
        foreach (var segment in name.Split('/'))
        {
            RequireSegment(name, segment, nameof(name), isPartial: false);
        }
    }

    /// <summary>A listing prefix: like a name, but may be empty, end with '/' and end in a partial segment.</summary>
    public static void RequirePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0)
        {
            return;
        }
        if (prefix.Length > MaxNameLength)
        {
            throw new ArgumentException($"prefix has {prefix.Length} characters; the limit is {MaxNameLength}.", nameof(prefix));
        }
        RequireCharacters(prefix, nameof(prefix));
        if (prefix[0] == '/')
        {
            throw new ArgumentException($"prefix '{prefix}' must not start with '/'.", nameof(prefix));
        }
        var segments = prefix.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            if (!(last && segments[i].Length == 0))
            {
                RequireSegment(prefix, segments[i], nameof(prefix), isPartial: last);
            }
        }
    }

    private static void RequireCharacters(string value, string parameter)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || Array.IndexOf(Forbidden, c) >= 0)
            {
                throw new ArgumentException(
                    $"{parameter} '{value}' has U+{(int)c:X4} at position {i}; blob names allow no control characters and none of \\ : * ? \" < > |.",
                    parameter);
            }
        }
    }

    private static void RequireSegment(string value, string segment, string parameter, bool isPartial)
    {
        if (segment.Length == 0)
        {
            throw new ArgumentException($"{parameter} '{value}' has an empty path segment ('//').", parameter);
        }
        // A partial last segment of a prefix may be "." (it lists ".x"), never "..".
        if (segment == ".." || (segment == "." && !isPartial))
        {
            throw new ArgumentException($"{parameter} '{value}': the segment '{segment}' would leave the container.", parameter);
        }
        if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
        {
            throw new ArgumentException($"{parameter} '{value}' has a segment longer than {MaxSegmentBytes} UTF-8 bytes.", parameter);
        }
    }
}
