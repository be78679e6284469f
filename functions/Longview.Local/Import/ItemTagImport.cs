using System.Text;
using Longview.Core.Import;

namespace Longview.Local.Import;

/// <summary>
/// Reads a tagged dataset's tag files into an <see cref="ItemTagTally"/> (the vocabulary first when tags are ids).
/// A missing tag file means no tags; unreadable lines and tag ids outside the vocabulary are skipped: they can only
/// cost an item a tag, never an item or an event (the events file, which Last.fm shares with its tags, reports its own
/// bad lines).
/// </summary>
public static class ItemTagImport
{
    public static async Task<ItemTagTally?> ReadAsync(ITaggedDatasetFormat format, string folder, Encoding encoding, CancellationToken ct)
    {
        var tagsPath = Path.Combine(folder, format.TagsFile);
        if (!File.Exists(tagsPath))
        {
            return null;
        }
        Dictionary<string, string>? names = null;
        if (format.TagNamesFile is { } namesFile)
        {
            var namesPath = Path.Combine(folder, namesFile);
            if (!File.Exists(namesPath))
            {
                return null;
            }
            names = new Dictionary<string, string>(StringComparer.Ordinal);
            await foreach (var line in DataLines(namesPath, format.TagNamesEncoding, ct))
            {
                if (format.ParseTagName(line).Value is { } name)
                {
                    names[name.ItemId] = name.Tag;
                }
            }
        }
        var tally = new ItemTagTally();
        await foreach (var line in DataLines(tagsPath, encoding, ct))
        {
            if (format.ParseTag(line).Value is { } tag)
            {
                if (names is null)
                {
                    tally.Add(tag.ItemId, tag.Tag);
                }
                else if (names.TryGetValue(tag.Tag, out var text))
                {
                    tally.Add(tag.ItemId, text);
                }
            }
        }
        return tally;
    }

    private static async IAsyncEnumerable<string> DataLines(string path, Encoding encoding, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true);
        var header = true;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (header)
            {
                header = false;
                continue;
            }
            yield return line;
        }
    }
}
