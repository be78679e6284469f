namespace Longview.Infrastructure.Embedded;

/// <summary>Where and how the self-hosted mode keeps its data: SQLite files and a blob folder under one data folder.</summary>
public sealed class EmbeddedStoreOptions
{
    public const string SectionName = "Longview:Embedded";

    /// <summary>Root of everything the embedded stores write; relative paths resolve against the working directory.</summary>
    public string DataFolder { get; set; } = ".longview";

    public string ProfileDatabaseFile { get; set; } = "profiles.db";

    public string CatalogDatabaseFile { get; set; } = "catalog.db";

    /// <summary>Item text embeddings, beside the catalogue (one row per item and encoder).</summary>
    public string EmbeddingDatabaseFile { get; set; } = "embeddings.db";

    /// <summary>Sub-folder of <see cref="DataFolder"/> whose sub-folders are the blob containers.</summary>
    public string BlobFolder { get; set; } = "blobs";

    /// <summary>How long a statement waits for another process holding the SQLite write lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// What an answered write promises: <see cref="SqliteSynchronous.Full"/> (the default) makes every commit durable
    /// before the caller hears of it, so an event batch answered 200 survives a power loss;
    /// <see cref="SqliteSynchronous.Normal"/> trades that for throughput (see tests/Longview.Benchmarks/README.md).
    /// </summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>Rows per page when scanning; bounds the memory a scan holds.</summary>
    public int ScanPageSize { get; set; } = 256;

    /// <summary>Most writes (profiles) or items accepted by one call.</summary>
    public int MaxWriteBatch { get; set; } = 10_000;

    /// <summary>Most ids one <c>GetManyAsync</c> call may ask for (ten times the largest event batch).</summary>
    public int MaxLookupIds { get; set; } = 100_000;

    /// <summary>
    /// Largest serialized profile or item. 2,000,000 bytes is the Cosmos DB item limit, so a document the
    /// embedded store accepts is one the Cosmos adapter accepts too.
    /// </summary>
    public int MaxDocumentBytes { get; set; } = 2_000_000;

    /// <summary>Most catalogue items kept in memory for lookups (0 turns the cache off).</summary>
    public int MaxCachedItems { get; set; } = 200_000;

    /// <summary>Largest blob accepted by <c>UploadAsync</c> (streamed to disk, never held in memory).</summary>
    public long MaxBlobBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>Largest blob that <c>PutAsync</c> accepts or <c>GetAsync</c> loads into memory; larger ones are streamed.</summary>
    public int MaxInMemoryBlobBytes { get; set; } = 256 * 1024 * 1024;

    internal string ResolveDataPath(string relative) => Path.GetFullPath(Path.Combine(DataFolder, relative));

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataFolder))
        {
            throw new ArgumentException("EmbeddedStoreOptions.DataFolder must name a folder.", nameof(DataFolder));
        }
        if (ScanPageSize is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(ScanPageSize), ScanPageSize, "must be between 1 and 100,000");
        }
        if (MaxWriteBatch < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxWriteBatch), MaxWriteBatch, "must be at least 1");
        }
        if (MaxLookupIds < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLookupIds), MaxLookupIds, "must be at least 1");
        }
        if (MaxDocumentBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDocumentBytes), MaxDocumentBytes, "must be at least 1");
        }
        if (MaxCachedItems < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxCachedItems), MaxCachedItems, "must not be negative");
        }
        if (!Enum.IsDefined(Synchronous))
        {
            throw new ArgumentOutOfRangeException(nameof(Synchronous), Synchronous, "must be Full or Normal");
        }
        if (BusyTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(BusyTimeout), BusyTimeout, "must not be negative");
        }
    }
}
