using Longview.Api;
using Longview.Core.Ingestion;
using Longview.Core.Outcomes;
using Longview.Core.Serving;
using Longview.Core.Serving.Impressions;
using Longview.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Functions.Hosting;

/// <summary>
/// The Functions answer to a served list: log the list (<see cref="ServedListRecording"/>) and ingest its impression events before returning (an instance may be frozen
/// once it answers, so nothing is left queued); a failure costs the impressions, never the answer. They carry the time the
/// service took before reading the profile, so an erasure that ran meanwhile discards them.
/// </summary>
public sealed class IngestedImpressions(EventIngestion ingestion, IOptions<FunctionsServingOptions> options, TimeProvider time, ILogger<IngestedImpressions> logger, LongviewMetrics metrics,
    ServedListRecording? lists = null)
    : IServedListRecorder
{
    public async ValueTask RecordAsync(ServedRecommendation served, CancellationToken cancellationToken)
    {
        var list = served.Recommendation;
        // The list itself (outcomes, experiment exposure) is logged whether or not its impressions are; it never throws.
        if (lists is not null && list.Items.Count > 0)
        {
            await lists.RecordAsync([(list, served.ServedAt ?? time.GetUtcNow())], cancellationToken).ConfigureAwait(false);
        }
        if (!options.Value.LogImpressions || list.Items.Count == 0)
        {
            return;
        }
        try
        {
            await ingestion.IngestAsync(ImpressionEvents.For(list, served.ServedAt ?? time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not log {Count} impressions of {RecommendationId}", list.Items.Count, list.RecommendationId);
            metrics.ImpressionsDropped(list.Items.Count);
        }
    }
}
