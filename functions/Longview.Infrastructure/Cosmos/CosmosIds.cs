using System.Security.Cryptography;
using System.Text;
using Longview.Core.Events;

namespace Longview.Infrastructure.Cosmos;

/// <summary>
/// Maps a user or item id (the partition key value) to a Cosmos document id. Cosmos forbids '/', '\', '?' and '#' in ids, so those are
/// escaped as ~XX (hex; "~" needs no URL encoding); every other id is used as is (id = userId / itemId). An id of
/// <see cref="IdRule.MaxLength"/> characters made mostly of forbidden ones would triple past Cosmos's
/// <see cref="MaxLength"/>; such an id is stored under <c>~h</c> + the SHA-256 of its UTF-8 (66 characters) instead,
/// so every key <see cref="StoreKeys"/> accepts fits, and no id that fitted before changes its document.
/// Ids only need to be unique within a logical partition, and each partition here holds one document (the partition
/// key is the raw id), so neither the escaping nor the hash can ever make two keys collide.
/// </summary>
internal static class CosmosIds
{
    /// <summary>Cosmos DB's limit on a document id (and the stores' on a key: <see cref="StoreKeys"/>).</summary>
    public const int MaxLength = StoreKeys.MaxLength;

    private const string HashedPrefix = "~h";

    private static readonly char[] Forbidden = ['/', '\\', '?', '#'];

    public static string ToDocumentId(string key)
    {
        if (key.IndexOfAny(Forbidden) < 0)
        {
            return key.Length <= MaxLength ? key : Hashed(key);
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
        return escaped.Length <= MaxLength ? escaped.ToString() : Hashed(key);
    }

    private static string Hashed(string key) => HashedPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
