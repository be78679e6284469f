using System.Globalization;
using System.Text;

namespace Longview.Core.Training.Snapshot;

/// <summary>
/// The block id of snapshot part n: the same for every execution of that part (a retried part restages its own block),
/// and, as Azure requires of one blob's blocks, base64 of a fixed-length string (letters and digits only, no padding).
/// </summary>
public static class SnapshotBlockIds
{
    public static string For(int part)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        return Convert.ToBase64String(Encoding.ASCII.GetBytes("part-" + part.ToString("D7", CultureInfo.InvariantCulture)));
    }

    public static IReadOnlyList<string> ForParts(int parts) => [.. Enumerable.Range(0, parts).Select(For)];
}
