namespace Longview.Core.Experiments;

/// <summary>
/// Who was exposed to which experiment, and when first: one record per (experiment, user), the first write wins (a
/// later exposure of the same user changes nothing). Results read the exposed users of one experiment from here,
/// streamed, instead of collecting them from every served list.
/// </summary>
public interface IExperimentExposureLog
{
    Task RecordAsync(IReadOnlyList<ExperimentExposure> exposures, CancellationToken cancellationToken = default);

    /// <summary>Every exposure of <paramref name="experimentId"/>, streamed in no particular order.</summary>
    IAsyncEnumerable<ExperimentExposure> ScanAsync(string experimentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// At most <paramref name="limit"/> exposures of one variant from where <paramref name="cursor"/> (an opaque token
    /// from the previous page, null for the first) left off, and the cursor of the next page (null after the last).
    /// </summary>
    Task<ExposurePage> ReadPageAsync(string experimentId, string variant, string? cursor, int limit, CancellationToken cancellationToken = default);
}

/// <summary>A user's first exposure to an experiment, with the variant they were served.</summary>
public sealed record ExperimentExposure(string ExperimentId, string UserId, string Variant, DateTimeOffset FirstExposedAt);
