using System.ComponentModel.DataAnnotations;

namespace Longview.Local.Serving;

/// <summary>Serving settings of the self-hosted mode.</summary>
public sealed class LocalServingOptions
{
    /// <summary>The same section as the Functions app's serving settings (<c>Longview__Serving__LogImpressions</c>, ...).</summary>
    public const string SectionName = "Longview:Serving";

    /// <summary>
    /// Log every served list back as <c>impression</c> events through the ingestion service, so fatigue works when
    /// clients send no impressions. On by default here (one process, nothing else would log them); off by default in
    /// the Functions host, where clients or the edge are expected to send impressions.
    /// </summary>
    public bool LogImpressions { get; set; } = true;

    /// <summary>Served lists waiting to be logged at most; beyond it new lists are dropped (and counted in the log), never the request.</summary>
    [Range(1, 10_000_000)]
    public int ImpressionQueueCapacity { get; set; } = 10_000;

    /// <summary>
    /// Queued lists keep the profile they were served from (the writer then needs no second read) only while fewer than
    /// this many lists wait: parsed profiles take tens of KiB each, so a backlog falls back to re-reading them.
    /// </summary>
    [Range(0, 1_000_000)]
    public int MaxQueuedProfiles { get; set; } = 512;

    /// <summary>Most impression events written in one ingestion call.</summary>
    [Range(1, 100_000)]
    public int ImpressionBatchSize { get; set; } = 2_000;

    /// <summary>
    /// How long the writer lets served lists gather after the first one before it writes them (zero: at once). Each write
    /// is one transaction with its sync; under load most lists would otherwise get a commit of their own, which cost
    /// more CPU than serving them (tests/Longview.Benchmarks/README.md, "serve"). Only the impressions wait, never a response.
    /// </summary>
    public TimeSpan ImpressionLinger { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The writer commits as soon as this many lists have gathered instead of waiting out <see cref="ImpressionLinger"/>
    /// (zero: always the whole linger). Each queued list holds the parsed profile it was served from until its commit,
    /// and under load a full linger held ~100 of them through every garbage collection.
    /// </summary>
    [Range(0, 100_000)]
    public int ImpressionCommitLists { get; set; } = 16;

    /// <summary>How often the model pointer (<c>models/current.json</c> in the blob store) is checked for a new version.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan ModelPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Seed the popularity table from every stored profile at start-up (in the background).</summary>
    public bool SeedPopularityFromProfiles { get; set; } = true;
}
