using Longview.Core.Events;

namespace Longview.Infrastructure.Embedded.Sqlite;

/// <summary>
/// Rules for user and item ids as storage keys, shared by the SQLite stores. Messages never carry the id: the
/// exception is logged at error level, where raw user ids must not appear.
/// </summary>
internal static class StoreKeys
{
    /// <summary>Cosmos DB ids are limited to 255 characters; the embedded store keeps the same limit.</summary>
    public const int MaxLength = 255;

    public static void Validate(string? id, string field)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new ArgumentException($"{field}: id is missing or empty.", field);
        }
        if (id.Length > MaxLength)
        {
            throw new ArgumentException($"{field}: id has {id.Length} characters; the limit is {MaxLength}.", field);
        }
        // The characters follow the contract's id rule, as the Cosmos store's keys do (one rule for both stores).
        if (IdRule.CharacterProblem(id) is { } problem)
        {
            throw new ArgumentException($"{field}: id {problem}.", field);
        }
    }
}
