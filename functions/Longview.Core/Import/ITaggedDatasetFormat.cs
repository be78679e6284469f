using System.Text;

namespace Longview.Core.Import;

/// <summary>
/// A dataset whose users tagged its items (MovieLens tags.csv, Last.fm user_taggedartists.dat): the importer reads the
/// tag files before the items and gives each item its most used tags (<see cref="ItemTagTally"/>). Both files have one
/// header line; a missing tag file leaves the items untagged.
/// </summary>
public interface ITaggedDatasetFormat
{
    /// <summary>The file of (item, tag) assignments, one per line, in the format's <see cref="IDatasetFormat.Encoding"/>.</summary>
    string TagsFile { get; }

    /// <summary>The vocabulary mapping tag ids to their text when <see cref="TagsFile"/> holds ids; null when it holds the text.</summary>
    string? TagNamesFile { get; }

    /// <summary>The vocabulary's text encoding (Last.fm's tags.dat is Latin-1 while its other files are UTF-8).</summary>
    Encoding TagNamesEncoding { get; }

    LineParse<ItemTag> ParseTag(string line);

    /// <summary>One vocabulary line as (tag id, tag text) in an <see cref="ItemTag"/>'s two fields.</summary>
    LineParse<ItemTag> ParseTagName(string line);
}
