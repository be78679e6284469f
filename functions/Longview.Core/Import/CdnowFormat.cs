using System.Globalization;
using System.Text;
using Longview.Core.Events;
using Longview.Core.Items;

namespace Longview.Core.Import;

/// <summary>
/// The CDNOW sample of the BTYD literature: <c>CDNOW_sample.txt</c>, whitespace-separated
/// <c>master_id sample_id yyyymmdd number_of_cds dollar_value</c>, one line per purchase, no item catalogue. Each line
/// becomes a <see cref="EventType.Purchase"/> at 00:00 UTC of its day with value = dollar_value (money in the
/// deployment's currency) on the one item <see cref="ItemId"/>. Event id: <c>cdnow-{master_id}-{yyyymmdd}-L{line}</c>
/// from the line number, so a re-import of the file is idempotent and two identical lines (21 in the sample) stay two
/// purchases; without a line number (evaluation reads) the id falls back to the line's content.
/// </summary>
public sealed class CdnowFormat : IDatasetFormat
{
    /// <summary>The file names no CDs, so every purchase is of this one item.</summary>
    public const string ItemId = "cdnow-cds";

    public string Name => "cdnow";

    public string? ItemsFile => null;

    public string EventsFile => "CDNOW_sample.txt";

    public Encoding Encoding => Encoding.ASCII;

    public int HeaderLines => 0;

    public LineParse<CatalogItem> ParseItem(string line) => LineParse<CatalogItem>.Fail("CDNOW has no item file");

    public LineParse<UserEvent> ParseEvent(string line) => Parse(line, null);

    public LineParse<UserEvent> ParseEvent(string line, long lineNumber) => Parse(line, lineNumber);

    private static LineParse<UserEvent> Parse(string line, long? lineNumber)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return LineParse<UserEvent>.Blank;
        }
        Span<Range> fields = stackalloc Range[6];
        var span = line.AsSpan().Trim();
        if (span.SplitAny(fields, " \t", StringSplitOptions.RemoveEmptyEntries) != 5)
        {
            return LineParse<UserEvent>.Fail("expected master_id sample_id yyyymmdd number_of_cds dollar_value");
        }
        var customer = span[fields[0]];
        if (RatingEvents.RequireId("master_id", customer) is { } idError)
        {
            return LineParse<UserEvent>.Fail(idError);
        }
        if (!DateOnly.TryParseExact(span[fields[2]], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return LineParse<UserEvent>.Fail($"yyyymmdd: '{span[fields[2]]}' is not a date");
        }
        if (!int.TryParse(span[fields[3]], NumberStyles.None, CultureInfo.InvariantCulture, out var cds))
        {
            return LineParse<UserEvent>.Fail($"number_of_cds: '{span[fields[3]]}' is not a count");
        }
        if (!decimal.TryParse(span[fields[4]], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var dollars))
        {
            return LineParse<UserEvent>.Fail($"dollar_value: '{span[fields[4]]}' is not a non-negative amount");
        }
        var eventId = lineNumber is { } number
            ? string.Create(CultureInfo.InvariantCulture, $"cdnow-{customer}-{day:yyyyMMdd}-L{number}")
            : string.Create(CultureInfo.InvariantCulture, $"cdnow-{customer}-{day:yyyyMMdd}-{cds}-{decimal.ToInt64(dollars * 100)}");
        var timestamp = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return LineParse<UserEvent>.Ok(new UserEvent(eventId, customer.ToString(), ItemId, EventType.Purchase, timestamp, (double)dollars));
    }
}
