using System.Text;
using Longview.Core.Events;
using Longview.Core.Items;

namespace Longview.Core.Import;

/// <summary>MovieLens CSV (ml-latest, ml-25m...): <c>ratings.csv</c> (<c>userId,movieId,rating,timestamp</c>) and <c>movies.csv</c> (<c>movieId,title,genres</c>, titles quoted when they hold commas).</summary>
public sealed class MovieLensCsvFormat : IDatasetFormat
{
    public string Name => "movielens-csv";

    public string? ItemsFile => "movies.csv";

    public string EventsFile => "ratings.csv";

    public Encoding Encoding => Encoding.UTF8;

    public int HeaderLines => 1;

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
