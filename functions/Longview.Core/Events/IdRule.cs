namespace Longview.Core.Events;

/// <summary>
/// The one rule for ids of the contract (userId, itemId, eventId, recommendationId), applied by the event and item
/// readers, by erasure and by the routes, so that every id that can be ingested can also be read and erased:
/// 1 to <see cref="MaxLength"/> UTF-16 code units, no control character (C0 U+0000–U+001F, DEL U+007F, C1
/// U+0080–U+009F) and no unpaired surrogate. Every other character is allowed, '/', '\', '?', '#', '%', blanks and the
/// ids "." and ".." included: the event contract always accepted them, so refusing them now would strand stored users;
/// a route carries them percent-encoded and decodes the segment exactly once. The length bound is what lets every store key an id
/// (see the Cosmos id encoding, which must fit 255 characters for every id this rule accepts).
/// </summary>
public static class IdRule
{
    /// <summary>Longest id, in UTF-16 code units (a supplementary character counts two).</summary>
    public const int MaxLength = 128;

    /// <summary>Why <paramref name="id"/> is not a valid id, phrased to follow the field name ("userId must not be empty"); null when it is valid. Never echoes the id.</summary>
    public static string? Problem(string? id)
    {
        if (id is null) return "is required";
        if (id.Length == 0) return "must not be empty";
        if (id.Length > MaxLength) return $"has {id.Length} characters; at most {MaxLength}";
        return CharacterProblem(id);
    }

    public static bool IsValid(string? id) => Problem(id) is null;

    /// <summary>
    /// The character part of the rule alone (control characters, unpaired surrogates), for stores that keep accepting
    /// keys longer than <see cref="MaxLength"/> written before the rule; null when there is none. Never echoes the id.
    /// </summary>
    public static string? CharacterProblem(ReadOnlySpan<char> text)
    {
        // Ids are nearly always printable ASCII, which has neither: one vectorised scan clears them and the loop below
        // starts at the first other character. Event ids of 25-41 characters: 14-22 ns by the loop alone, 3 ns (4-character
        // ids: 1 ns slower); the check was 5 % of the CPU of a bulk fold (many events per user in one ingestion call).
        var first = text.IndexOfAnyExceptInRange(' ', '~');
        if (first < 0)
        {
            return null;
        }

        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
            {
                return $"must not contain control characters (U+{(int)c:X4} at position {i})";
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"must not contain an unpaired surrogate (U+{(int)c:X4} at position {i})";
            }
        }

        return null;
    }
}
