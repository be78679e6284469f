using System.Text;
using Longview.Core.Events;
using Longview.Core.Items;

namespace Longview.Core.Import;

/// <summary>MovieLens 1M: <c>ratings.dat</c> (<c>UserID::MovieID::Rating::Timestamp</c>) and <c>movies.dat</c> (<c>MovieID::Title::Genres</c>), Latin-1.</summary>
public sealed class MovieLens1MFormat : IDatasetFormat
{
    private const string Separator = "::";

    public string Name => "ml-1m";

    public string? ItemsFile => "movies.dat";

    public string EventsFile => "ratings.dat";

    public Encoding Encoding => Encoding.Latin1;

    public int HeaderLines => 0;

    public LineParse<CatalogItem> ParseItem(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return LineParse<CatalogItem>.Blank;
        }
        // Titles never contain "::", so the first and last separators delimit the three fields.
        var first = line.IndexOf(Separator, StringComparison.Ordinal);
        var last = line.LastIndexOf(Separator, StringComparison.Ordinal);
        if (first < 0 || last == first)
        {
            return LineParse<CatalogItem>.Fail("expected MovieID::Title::Genres");
        }
        var itemId = line[..first].Trim();
        if (RatingEvents.RequireId("movieId", itemId) is { } error)
        {
            return LineParse<CatalogItem>.Fail(error);
        }
        var title = line[(first + Separator.Length)..last];
        var genres = line[(last + Separator.Length)..].Trim();
        return LineParse<CatalogItem>.Ok(new CatalogItem(itemId, title, Genres.Split(genres)));
    }

    public LineParse<UserEvent> ParseEvent(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return LineParse<UserEvent>.Blank;
        }
        Span<Range> fields = stackalloc Range[5];
        var span = line.AsSpan().Trim();
        if (span.Split(fields, Separator) != 4)
        {
            return LineParse<UserEvent>.Fail("expected UserID::MovieID::Rating::Timestamp");
        }
        return RatingEvents.Parse("ml", span[fields[0]], span[fields[1]], span[fields[2]], span[fields[3]]);
    }
}
