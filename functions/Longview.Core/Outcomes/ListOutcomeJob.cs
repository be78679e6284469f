using System.Text.Json;
using Longview.Core.Ports;
using Longview.Core.Serialization;
using Microsoft.Extensions.Options;

namespace Longview.Core.Outcomes;

/// <summary>
/// The daily outcome job: as of a day that has ended, computes the report of the latest serving day whose lists'
/// attribution windows have all closed (<see cref="ServedDayFor"/>) and stores it (<see cref="OutcomeBlobs"/>).
/// Idempotent: a re-run overwrites the same blob with the same totals (more, never fewer, profiles events are known).
/// </summary>
public sealed class ListOutcomeJob(ListOutcomes outcomes, IBlobStore blobs, IOptions<OutcomeOptions> options)
{
    /// <summary>
    /// The serving day reported as of <paramref name="asOf"/>: lists served on day S close by S + 1 + window, so the
    /// newest S closed at the end of <paramref name="asOf"/> is asOf − ⌈window in days⌉.
    /// </summary>
    public static DateOnly ServedDayFor(DateOnly asOf, TimeSpan window) => asOf.AddDays(-(int)Math.Ceiling(window.TotalDays));

    public async Task<OutcomeDaySummary> RunAsync(DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var served = ServedDayFor(asOf, options.Value.AttributionWindow);
        var report = await outcomes.ComputeAsync(served, served, cancellationToken).ConfigureAwait(false);
        await blobs.PutAsync(OutcomeBlobs.Container, OutcomeBlobs.ListsOf(served), JsonSerializer.SerializeToUtf8Bytes(report, LongviewJson.Options),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return new OutcomeDaySummary(asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            served.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), report.Overall.Lists, report.OpenLists, report.UnmeasuredLists);
    }

    /// <summary>Runs as of <paramref name="asOf"/> unless that day's report is stored already (the self-hosted catch-up).</summary>
    public async Task RunIfMissingAsync(DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var served = ServedDayFor(asOf, options.Value.AttributionWindow);
        if (await blobs.GetETagAsync(OutcomeBlobs.Container, OutcomeBlobs.ListsOf(served), cancellationToken).ConfigureAwait(false) is null)
        {
            await RunAsync(asOf, cancellationToken).ConfigureAwait(false);
        }
    }
}
