namespace Longview.Infrastructure.Cosmos;

/// <summary>Cosmos DB document ids may not contain '/', '\', '?' or '#' and are at most 255 characters.</summary>
internal static class CosmosIds
{
    public const int MaxLength = 255;

    public static string? Problem(string id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "is empty";
        }
        if (id.Length > MaxLength)
        {
            return $"is {id.Length} characters long; Cosmos DB ids are at most {MaxLength}";
        }
        var bad = id.IndexOfAny(['/', '\\', '?', '#']);
        return bad < 0 ? null : $"contains '{id[bad]}' at position {bad}, which Cosmos DB does not allow in ids";
    }

    public static bool IsValid(string id) => Problem(id) is null;

    public static void Require(string id, string field)
    {
        var problem = Problem(id);
        if (problem is not null)
        {
            throw new ArgumentException($"{field} '{Truncate(id)}' {problem}.", field);
        }
    }

    private static string Truncate(string id) => id.Length <= 64 ? id : id[..64] + "…";
}
