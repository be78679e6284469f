using System.Text;

namespace Longview.Infrastructure.Cosmos;

/// <summary>
/// Maps a user or item id to a Cosmos document id. Cosmos forbids '/', '\', '?' and '#' in ids, so those are
/// escaped as ~XX (hex; "~" needs no URL encoding); every other id is used as is (id = userId / itemId). Ids only need to be unique within a
/// logical partition and each partition here holds one document, so the escaping can never make two keys collide.
/// </summary>
internal static class CosmosIds
{
    public const int MaxLength = 255;

    private static readonly char[] Forbidden = ['/', '\\', '?', '#'];

    public static string ToDocumentId(string key)
    {
        if (key.IndexOfAny(Forbidden) < 0)
        {
            return key;
        }
        var escaped = new StringBuilder(key.Length + 8);
        foreach (var c in key)
        {
            escaped.Append(c switch
            {
                '/' => "~2F",
                '\\' => "~5C",
                '?' => "~3F",
                '#' => "~23",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }

    /// <summary>Why <paramref name="key"/> cannot be stored, or null.</summary>
    public static string? Problem(string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "is empty";
        }
        var length = ToDocumentId(key).Length;
        return length > MaxLength ? $"is {length} characters long as a Cosmos DB id; the limit is {MaxLength}" : null;
    }

    public static bool IsValid(string key) => Problem(key) is null;

    public static void Require(string key, string field)
    {
        var problem = Problem(key);
        if (problem is not null)
        {
            throw new ArgumentException($"{field} '{(key.Length <= 64 ? key : key[..64] + "…")}' {problem}.", field);
        }
    }
}
