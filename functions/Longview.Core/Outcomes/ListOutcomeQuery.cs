using System.Text.Json;
using Longview.Core.Ports;
using Longview.Core.Serialization;
using Microsoft.Extensions.Options;

namespace Longview.Core.Outcomes;

/// <summary>
/// The report of a range of serving days as the route serves it: each day's stored report (<see cref="ListOutcomeJob"/>)
/// where one is present, complete (no open list) and made with today's attribution window; every other day computed
/// now by <see cref="ListOutcomes"/>; the days added up. Invariant: the answer equals computing the whole range now,
/// except that a stored day keeps the profiles' events as they were when it was stored.
/// </summary>
public sealed class ListOutcomeQuery(ListOutcomes outcomes, IBlobStore blobs, IOptions<OutcomeOptions> options)
{
    public async Task<ListOutcomeAnswer> GetAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var window = options.Value.AttributionWindow;
        var breakdown = new OutcomeBreakdown();
        var computedAt = DateTimeOffset.MinValue;
        int stored = 0, computed = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var report = await StoredAsync(day, window, cancellationToken).ConfigureAwait(false);
            if (report is null)
            {
                report = await outcomes.ComputeAsync(day, day, cancellationToken).ConfigureAwait(false);
                computed++;
            }
            else
            {
                stored++;
            }
            breakdown.Add(report);
            computedAt = report.ComputedAt > computedAt ? report.ComputedAt : computedAt;
        }
        return new ListOutcomeAnswer(breakdown.Report(from, to, computedAt, window), stored, computed);
    }

    private async Task<ListOutcomeReport?> StoredAsync(DateOnly day, TimeSpan window, CancellationToken cancellationToken)
    {
        var blob = await blobs.GetAsync(OutcomeBlobs.Container, OutcomeBlobs.ListsOf(day), cancellationToken).ConfigureAwait(false);
        if (blob is null)
        {
            return null;
        }
        var report = JsonSerializer.Deserialize<ListOutcomeReport>(blob.Content.Span, LongviewJson.Options);
        // A day stored before its windows closed, or under another attribution window, is not the day's answer now.
        return report is { OpenLists: 0 } && report.AttributionWindowHours == window.TotalHours ? report : null;
    }
}
