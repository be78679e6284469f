using Longview.Core.Events;

namespace Longview.Infrastructure;

/// <summary>
/// The one rule for user and item ids as storage keys, in every store (SQLite and Cosmos DB): not empty, at most
/// <see cref="MaxLength"/> characters, and the characters of the event contract's <see cref="IdRule"/>. The length bound
/// (Cosmos DB's 255, kept by the embedded stores too) is above the rule's 128, so keys written before the rule stay
/// readable and erasable. Messages name the field and the reason, never the id: they land in logs, where raw user ids
/// must not appear.
/// </summary>
internal static class StoreKeys
{
    public const int MaxLength = 255;

    /// <summary>Why <paramref name="key"/> cannot be stored, or null.</summary>
    public static string? Problem(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "is empty";
        }
        if (key.Length > MaxLength)
        {
            return $"has {key.Length} characters; at most {MaxLength}";
        }
        return IdRule.CharacterProblem(key);
    }

    public static bool IsValid(string? key) => Problem(key) is null;

    /// <summary>Throws when <paramref name="key"/> cannot be stored; the message names the field and the reason.</summary>
    public static void Require(string? key, string field)
    {
        if (Problem(key) is { } problem)
        {
            throw new ArgumentException($"{field} {problem}.", field);
        }
    }
}
