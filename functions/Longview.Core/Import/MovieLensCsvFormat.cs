using System.Text;
using Longview.Core.Events;
using Longview.Core.Items;

namespace Longview.Core.Import;

/// <summary>
/// MovieLens CSV (ml-latest, ml-25m...): <c>ratings.csv</c> (<c>userId,movieId,rating,timestamp</c>), <c>movies.csv</c>
/// (<c>movieId,title,genres</c>, titles quoted when they hold commas; genres are the categories) and <c>tags.csv</c>
/// (<c>userId,movieId,tag,timestamp</c>, the tag quoted when it holds a comma; the item's tags).
/// </summary>
public sealed class MovieLensCsvFormat : IDatasetFormat, ITaggedDatasetFormat
{
    public string Name => "movielens-csv";

    public string? ItemsFile => "movies.csv";

    public string EventsFile => "ratings.csv";

    public Encoding Encoding => Encoding.UTF8;

    public int HeaderLines => 1;

    public string TagsFile => "tags.csv";

    public string? TagNamesFile => null;

    public Encoding TagNamesEncoding => Encoding.UTF8;

    public LineParse<ItemTag> ParseTag(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return LineParse<ItemTag>.Blank;
        }
        var fields = CsvLine.Split(line, out var csvError);
        if (csvError is not null)
        {
            return LineParse<ItemTag>.Fail(csvError);
        }
        if (fields.Count != 4)
        {
            return LineParse<ItemTag>.Fail($"expected userId,movieId,tag,timestamp but found {fields.Count} fields");
        }
        return RatingEvents.RequireId("movieId", fields[1]) is { } error
            ? LineParse<ItemTag>.Fail(error)
            : LineParse<ItemTag>.Ok(new ItemTag(fields[1].Trim(), fields[2]));
    }

    public LineParse<ItemTag> ParseTagName(string line) => LineParse<ItemTag>.Fail("MovieLens tags.csv holds the tag text; there is no vocabulary file");

    public LineParse<CatalogItem> ParseItem(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return LineParse<CatalogItem>.Blank;
        }
        var fields = CsvLine.Split(line, out var csvError);
        if (csvError is not null)
        {
            return LineParse<CatalogItem>.Fail(csvError);
        }
        if (fields.Count != 3)
        {
            return LineParse<CatalogItem>.Fail($"expected movieId,title,genres but found {fields.Count} fields");
        }
        if (RatingEvents.RequireId("movieId", fields[0]) is { } error)
        {
            return LineParse<CatalogItem>.Fail(error);
        }
        return LineParse<CatalogItem>.Ok(new CatalogItem(fields[0].Trim(), fields[1], Genres.Split(fields[2].Trim())));
    }

    public LineParse<UserEvent> ParseEvent(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return LineParse<UserEvent>.Blank;
        }
        // Ratings never hold quoted fields, so a plain split is exact and allocation-free.
        Span<Range> fields = stackalloc Range[5];
        var span = line.AsSpan().Trim();
        if (span.Split(fields, ',') != 4)
        {
            return LineParse<UserEvent>.Fail("expected userId,movieId,rating,timestamp");
        }
        return RatingEvents.Parse("ml", span[fields[0]], span[fields[1]], span[fields[2]], span[fields[3]]);
    }
}
