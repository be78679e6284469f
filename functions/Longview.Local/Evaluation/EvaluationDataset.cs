using Longview.Core.Events;
using Longview.Core.Import;
using Longview.Core.Items;

namespace Longview.Local.Evaluation;

/// <summary>A dataset read straight from its files with the import formats' line parsers (nothing is written to a store).</summary>
public sealed class EvaluationDataset
{
    private EvaluationDataset(IReadOnlyList<CatalogItem> items, Dictionary<string, List<UserEvent>> eventsByUser, long refusedLines)
    {
        Items = items;
        EventsByUser = eventsByUser;
        RefusedLines = refusedLines;
    }

    public IReadOnlyList<CatalogItem> Items { get; }

    /// <summary>Users in the order they first appear in the events file.</summary>
    public Dictionary<string, List<UserEvent>> EventsByUser { get; }

    /// <summary>Lines the format's parser refused (counted, then skipped, as <c>import</c> does).</summary>
    public long RefusedLines { get; }

    public static EvaluationDataset Read(string folder, IDatasetFormat format)
    {
        var items = new List<CatalogItem>();
        long refused = 0;
        if (format.ItemsFile is { } itemsFile)
        {
            foreach (var line in Lines(folder, itemsFile, format))
            {
                var parsed = format.ParseItem(line);
                if (parsed.Value is { } item)
                {
                    items.Add(item);
                }
                else if (!parsed.IsBlank)
                {
                    refused++;
                }
            }
        }
        var byUser = new Dictionary<string, List<UserEvent>>(StringComparer.Ordinal);
        foreach (var line in Lines(folder, format.EventsFile, format))
        {
            var parsed = format.ParseEvent(line);
            if (parsed.Value is { } e)
            {
                if (!byUser.TryGetValue(e.UserId, out var list))
                {
                    byUser[e.UserId] = list = [];
                }
                list.Add(e);
            }
            else if (!parsed.IsBlank)
            {
                refused++;
            }
        }
        return new EvaluationDataset(items, byUser, refused);
    }

    private static IEnumerable<string> Lines(string folder, string file, IDatasetFormat format)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: {format.Name} needs {file} in the dataset folder", path);
        }
        return File.ReadLines(path, format.Encoding).Skip(format.HeaderLines);
    }
}
