using System.ComponentModel.DataAnnotations;
using Longview.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Embedded;

/// <summary>Where and how the self-hosted mode keeps its data: SQLite files and a blob folder under one data folder.</summary>
public sealed class EmbeddedStoreOptions : IValidatableObject
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
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// What an answered write promises: <see cref="SqliteSynchronous.Full"/> (the default) makes every commit durable
    /// before the caller hears of it, so an event batch answered 200 survives a power loss;
    /// <see cref="SqliteSynchronous.Normal"/> trades that for throughput (see tests/Longview.Benchmarks/README.md).
    /// </summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>Rows per page when scanning; bounds the memory a scan holds.</summary>
    [Range(1, 100_000)]
    public int ScanPageSize { get; set; } = 256;

    /// <summary>Most writes (profiles) or items accepted by one call.</summary>
    [Range(1, int.MaxValue)]
    public int MaxWriteBatch { get; set; } = 10_000;

    /// <summary>Most ids one <c>GetManyAsync</c> call may ask for (ten times the largest event batch).</summary>
    [Range(1, int.MaxValue)]
    public int MaxLookupIds { get; set; } = 100_000;

    /// <summary>
    /// Largest serialized profile or item. 2,000,000 bytes is the Cosmos DB item limit, so a document the
    /// embedded store accepts is one the Cosmos adapter accepts too.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxDocumentBytes { get; set; } = 2_000_000;

    /// <summary>Most catalogue items kept in memory for lookups (0 turns the cache off).</summary>
    [Range(0, int.MaxValue)]
    public int MaxCachedItems { get; set; } = 200_000;

    /// <summary>Largest blob accepted by <c>UploadAsync</c> (streamed to disk, never held in memory).</summary>
    public long MaxBlobBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>Largest blob that <c>PutAsync</c> accepts or <c>GetAsync</c> loads into memory; larger ones are streamed.</summary>
    public int MaxInMemoryBlobBytes { get; set; } = 256 * 1024 * 1024;

    internal string ResolveDataPath(string relative) => Path.GetFullPath(Path.Combine(DataFolder, relative));

    /// <summary>Throws when a setting is out of range (stores check on construction; hosts check at start through AddSettings).</summary>
    internal void Validate()
    {
        if (new SettingsValidator<EmbeddedStoreOptions>(SectionName).Validate(null, this) is { Failed: true } invalid)
        {
            throw new OptionsValidationException(SectionName, typeof(EmbeddedStoreOptions), invalid.Failures);
        }
    }

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(DataFolder))
        {
            yield return new ValidationResult("must name a folder", [nameof(DataFolder)]);
        }
        if (!Enum.IsDefined(Synchronous))
        {
            yield return new ValidationResult("must be Full or Normal", [nameof(Synchronous)]);
        }
    }
}
