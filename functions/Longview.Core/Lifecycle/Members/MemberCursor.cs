using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Longview.Core.Lifecycle.Members;

/// <summary>
/// Where a paged read of a member list left off: the as-of day (a cursor keeps reading its own day's list even after a
/// newer day is written), the page blob and the row within it. Opaque to clients: base64url of "v1|day|page|row".
/// </summary>
public readonly record struct MemberCursor(DateOnly AsOf, int Page, int Row)
{
    public const int MaxLength = 64;

    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"v1|{LifecycleBlobs.Day(AsOf)}|{Page}|{Row}")));

    public static bool TryParse(string? text, out MemberCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }
        var bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (Base64Url.DecodeFromChars(text, bytes, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }
        var parts = Encoding.ASCII.GetString(bytes, 0, written).Split('|');
        if (parts.Length != 4 || parts[0] != "v1"
            || !DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var page)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var row))
        {
            return false;
        }
        cursor = new MemberCursor(day, page, row);
        return true;
    }
}
