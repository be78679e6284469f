namespace Longview.Core.Import;

/// <summary>The dataset formats <c>import</c> knows, by name. NDJSON events are not here: they go through the HTTP body reader unchanged.</summary>
public sealed class DatasetFormats
{
    private readonly Dictionary<string, IDatasetFormat> _byName;

    public DatasetFormats(IEnumerable<IDatasetFormat> formats) =>
        _byName = formats.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    public static DatasetFormats Default { get; } = new([new MovieLens1MFormat(), new MovieLensCsvFormat(), new CdnowFormat(), new LastFmFormat()]);

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public IDatasetFormat? Find(string name) => _byName.GetValueOrDefault(name);
}
