namespace Longview.Core.Import;

/// <summary>MovieLens genre lists (<c>Action|Comedy</c>) become item categories.</summary>
internal static class Genres
{
    private const string NoGenres = "(no genres listed)";

    public static IReadOnlyList<string> Split(string genres) =>
        genres.Length == 0 || genres == NoGenres
            ? []
            : genres.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
