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
        var breakdown = new Breakdown();
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

    private async Task AddPageAsync(List<ServedList> page, Breakdown breakdown, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
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

    private sealed class Breakdown
    {
        private readonly OutcomeTotals _overall = new();
        private readonly SortedDictionary<int, OutcomeTotals> _positions = [];
        private readonly SortedDictionary<string, OutcomeTotals> _segments = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, OutcomeTotals> _models = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, OutcomeTotals> _variants = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, OutcomeTotals> _reasons = new(StringComparer.Ordinal);

        public long Scanned { get; set; }

        public long Open { get; set; }

        public long Unmeasured { get; set; }

        public void Add(ServedList list, ListOutcome outcome)
        {
            _overall.AddList(outcome);
            Of(_segments, list.Segment).AddList(outcome);
            Of(_models, list.ModelVersion).AddList(outcome);
            foreach (var assignment in list.Experiments)
            {
                Of(_variants, assignment.ExperimentId + "/" + assignment.Variant).AddList(outcome);
            }
            for (var p = 0; p < outcome.Items.Count; p++)
            {
                Of(_positions, p).AddItem(outcome.Items[p]);
                Of(_reasons, System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(list.Items[p].Reason.ToString())).AddItem(outcome.Items[p]);
            }
        }

        public ListOutcomeReport Report(DateOnly from, DateOnly to, DateTimeOffset now, TimeSpan window) =>
            new(from, to, now, window.TotalHours, Scanned, Open, Unmeasured, _overall,
                Rows(_positions), Rows(_segments), Rows(_models), Rows(_variants), Rows(_reasons));

        private static OutcomeTotals Of<TKey>(SortedDictionary<TKey, OutcomeTotals> groups, TKey key)
            where TKey : notnull
        {
            if (!groups.TryGetValue(key, out var totals))
            {
                groups[key] = totals = new OutcomeTotals();
            }
            return totals;
        }

        private static List<OutcomeGroup> Rows<TKey>(SortedDictionary<TKey, OutcomeTotals> groups)
            where TKey : notnull =>
            [.. groups.Select(g => new OutcomeGroup(Convert.ToString(g.Key, System.Globalization.CultureInfo.InvariantCulture)!, g.Value))];
    }
}
