using System.Text;
using Longview.Core.Events;
using Longview.Core.Items;

namespace Longview.Core.Import;

/// <summary>
/// One public dataset layout, as pure line parsers. The host only opens the files this names and feeds their lines
/// in; adding a dataset (Last.fm, Amazon, ...) is one class implementing this.
/// </summary>
public interface IDatasetFormat
{
    /// <summary>The name given to <c>import --format</c>.</summary>
    string Name { get; }

    /// <summary>Items file inside the dataset folder, read (and ingested) before the events; null when the format has none.</summary>
    string? ItemsFile { get; }

    /// <summary>Events file inside the dataset folder.</summary>
    string EventsFile { get; }

    /// <summary>Text encoding of both files (MovieLens 1M predates UTF-8).</summary>
    Encoding Encoding { get; }

    /// <summary>Lines to skip at the top of each file (CSV headers).</summary>
    int HeaderLines { get; }

    LineParse<CatalogItem> ParseItem(string line);

    LineParse<UserEvent> ParseEvent(string line);

    /// <summary>
    /// The event of line <paramref name="lineNumber"/> (1-based in its file). Formats whose lines do not identify
    /// themselves (two identical purchase lines are two purchases) put the number into the event id; the others ignore it.
    /// </summary>
    LineParse<UserEvent> ParseEvent(string line, long lineNumber) => ParseEvent(line);
}
