using System.Buffers.Text;
using System.Text;

namespace Longview.Core.Experiments;

/// <summary>
/// The opaque cursor of <see cref="IExperimentExposureLog.ReadPageAsync"/>: the store's own position (the last user id
/// in SQLite, the continuation token in Cosmos) as base64url, so callers cannot depend on what is inside.
/// </summary>
public static class ExposureCursor
{
    public static string Encode(string position)
    {
        ArgumentNullException.ThrowIfNull(position);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position));
    }

    /// <summary>The position a cursor carries; null for none (the first page). A malformed one is <see cref="InvalidCursorException"/>.</summary>
    public static string? Decode(string? cursor)
    {
        try
        {
            return cursor is null ? null : Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw new InvalidCursorException("not a cursor this listing handed out");
        }
    }
}
