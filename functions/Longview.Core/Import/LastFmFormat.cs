using System.Text;
using Longview.Core.Events;
using Longview.Core.Items;

namespace Longview.Core.Import;

/// <summary>
/// Last.fm HetRec 2011 (lastfm-hetrec2011) for <c>import</c>: artists from <c>artists.dat</c>
/// (<c>id name url pictureURL</c>, tab-separated, UTF-8; the artist's name is the title, no categories), events from
/// <c>user_taggedartists.dat</c> (<see cref="LastFmTaggingFormat"/>: each tagging a like), and each artist's most used
/// tags from the same file through the vocabulary <c>tags.dat</c> (<c>tagID tagValue</c>, Latin-1).
/// </summary>
public sealed class LastFmFormat : IDatasetFormat, ITaggedDatasetFormat
{
    public string Name => "lastfm";

    public string? ItemsFile => "artists.dat";

    public string EventsFile => "user_taggedartists.dat";

    public Encoding Encoding => Encoding.UTF8;

    public int HeaderLines => 1;

    public string TagsFile => "user_taggedartists.dat";

    public string? TagNamesFile => "tags.dat";

    public Encoding TagNamesEncoding => Encoding.Latin1;

    public LineParse<CatalogItem> ParseItem(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return LineParse<CatalogItem>.Blank;
        }
        var fields = line.TrimEnd('\r').Split('\t');
        if (fields.Length < 2)
        {
            return LineParse<CatalogItem>.Fail($"expected id, name, url, pictureURL (tab-separated) but found {fields.Length} field(s)");
        }
        if (RatingEvents.RequireId("id", fields[0]) is { } error)
        {
            return LineParse<CatalogItem>.Fail(error);
        }
        return LineParse<CatalogItem>.Ok(new CatalogItem(fields[0].Trim(), fields[1].Trim(), []));
    }

    public LineParse<UserEvent> ParseEvent(string line) => ParseEvent(line, 0);

    public LineParse<UserEvent> ParseEvent(string line, long lineNumber)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return LineParse<UserEvent>.Blank;
        }
        return LastFmTaggingFormat.TryParse(line, (int)Math.Min(lineNumber, int.MaxValue), out var parsed, out var error)
            ? LineParse<UserEvent>.Ok(parsed)
            : LineParse<UserEvent>.Fail($"{error.Field}: {error.Reason}");
    }

    public LineParse<ItemTag> ParseTag(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return LineParse<ItemTag>.Blank;
        }
        var fields = line.TrimEnd('\r').Split('\t');
        return fields.Length == 6
            ? LineParse<ItemTag>.Ok(new ItemTag(fields[1].Trim(), fields[2].Trim()))
            : LineParse<ItemTag>.Fail($"expected 6 tab-separated fields, got {fields.Length}");
    }

    public LineParse<ItemTag> ParseTagName(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return LineParse<ItemTag>.Blank;
        }
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        return tab > 0
            ? LineParse<ItemTag>.Ok(new ItemTag(line[..tab].Trim(), line[(tab + 1)..].TrimEnd('\r')))
            : LineParse<ItemTag>.Fail("expected tagID, tagValue (tab-separated)");
    }
}
