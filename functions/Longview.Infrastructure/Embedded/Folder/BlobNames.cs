namespace Longview.Infrastructure.Embedded.Folder;

/// <summary>
/// Which container and blob names are accepted. Containers follow Azure's rules (3-63 of a-z, 0-9 and single
/// hyphens); blob names are '/'-separated relative paths that cannot leave their container on any file system.
/// The rules are strict so that every name valid here is valid in Azure Blob storage too.
/// </summary>
public static class BlobNames
{
    public const int MaxNameLength = 1024;

    /// <summary>Most file systems refuse longer file names (in UTF-8 bytes).</summary>
    public const int MaxSegmentBytes = 255;

    private static readonly char[] Forbidden = ['\\', ':', '*', '?', '"', '<', '>', '|'];

    public static void ValidateContainer(string? container)
    {
        if (string.IsNullOrEmpty(container) || container.Length is < 3 or > 63)
        {
            throw new ArgumentException($"container '{container}': must have 3 to 63 characters.", nameof(container));
        }
        for (var i = 0; i < container.Length; i++)
        {
            var c = container[i];
            var letterOrDigit = c is >= 'a' and <= 'z' or >= '0' and <= '9';
            if (!letterOrDigit && !(c == '-' && i > 0 && i < container.Length - 1 && container[i - 1] != '-'))
            {
                throw new ArgumentException(
                    $"container '{container}': character {i} ('{c}') is not allowed; use lowercase letters, digits and single inner hyphens.",
                    nameof(container));
            }
        }
    }

    public static void ValidateName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("blob name is missing or empty.", nameof(name));
        }
        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"blob name '{name[..40]}...' has {name.Length} characters; the limit is {MaxNameLength}.", nameof(name));
        }
        ValidateCharacters(name, nameof(name));
        if (name[0] == '/' || name[^1] == '/')
        {
            throw new ArgumentException($"blob name '{name}': must not start or end with '/'.", nameof(name));
        }
        foreach (var segment in name.Split('/'))
        {
            ValidateSegment(name, segment, nameof(name), isPartial: false);
        }
    }

    /// <summary>A listing prefix: like a name, but may be empty, end with '/' and end in a partial segment.</summary>
    public static void ValidatePrefix(string? prefix)
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
        ValidateCharacters(prefix, nameof(prefix));
        if (prefix[0] == '/')
        {
            throw new ArgumentException($"prefix '{prefix}': must not start with '/'.", nameof(prefix));
        }
        var segments = prefix.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var last = i == segments.Length - 1;
            if (!(last && segments[i].Length == 0))
            {
                ValidateSegment(prefix, segments[i], nameof(prefix), isPartial: last);
            }
        }
    }

    private static void ValidateCharacters(string value, string parameter)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || Array.IndexOf(Forbidden, c) >= 0)
            {
                throw new ArgumentException(
                    $"{parameter} '{value}': character {i} (U+{(int)c:X4}) is not allowed in blob names (no control characters, \\ : * ? \" < > |).",
                    parameter);
            }
        }
    }

    private static void ValidateSegment(string value, string segment, string parameter, bool isPartial)
    {
        if (segment.Length == 0)
        {
            throw new ArgumentException($"{parameter} '{value}': empty path segment ('//').", parameter);
        }
        if (segment is "." or ".." && !isPartial || segment == "..")
        {
            throw new ArgumentException($"{parameter} '{value}': the segment '{segment}' would leave the container.", parameter);
        }
        if (System.Text.Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
        {
            throw new ArgumentException($"{parameter} '{value}': a segment is longer than {MaxSegmentBytes} UTF-8 bytes.", parameter);
        }
    }
}
