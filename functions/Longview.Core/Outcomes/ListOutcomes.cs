using Longview.Core.Ports;
using Microsoft.Extensions.Options;

namespace Longview.Core.Outcomes;

/// <summary>
/// The outcome of every list: streams the served-list log for a range of days a page at a time, reads the page's
/// users' profiles with one call, attributes each list (<see cref="ListAttribution"/>) and adds it to the breakdowns.
/// Memory is one page plus the breakdowns (positions, segments, model versions, variants, reason types: small sets),
/// whatever the traffic. Invariant: each scanned list ends as exactly one of measured, open or unmeasured.
/// </summary>
public sealed class ListOutcomes(IServedListLog log, IProfileStore profiles, TimeProvider time, IOptions<OutcomeOptions> options)
{
    public async Task<ListOutcomeReport> ComputeAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var breakdown = new OutcomeBreakdown();
        var page = new List<ServedList>(settings.PageSize);
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await foreach (var list in log.ScanAsync(start, end, cancellationToken).ConfigureAwait(false))
        {
            page.Add(list);
            if (page.Count == settings.PageSize)
            {
                await AddPageAsync(page, breakdown, settings.AttributionWindow, now, cancellationToken).ConfigureAwait(false);
                page.Clear();
            }
        }
        await AddPageAsync(page, breakdown, settings.AttributionWindow, now, cancellationToken).ConfigureAwait(false);
        return breakdown.Report(from, to, now, settings.AttributionWindow);
    }

    private async Task AddPageAsync(List<ServedList> page, OutcomeBreakdown breakdown, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (page.Count == 0)
        {
            return;
        }
        var users = page.Where(l => l.ServedAt + window <= now).Select(l => l.UserId).ToHashSet(StringComparer.Ordinal);
        var stored = users.Count == 0 ? new Dictionary<string, StoredProfile>() : await profiles.GetManyAsync(users, cancellationToken).ConfigureAwait(false);
        foreach (var list in page)
        {
            breakdown.Scanned++;
            if (list.ServedAt + window > now)
            {
                breakdown.Open++;
                continue;
            }
            var outcome = ListAttribution.Attribute(list, stored.GetValueOrDefault(list.UserId)?.Profile, window, now);
            if (outcome is null)
            {
                breakdown.Unmeasured++;
                continue;
            }
            breakdown.Add(list, outcome);
        }
    }
}
