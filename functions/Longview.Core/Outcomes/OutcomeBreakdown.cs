using System.Globalization;
using System.Text.Json;

namespace Longview.Core.Outcomes;

/// <summary>
/// The totals of a report being built: overall and per position, segment, model version, variant, reason type and
/// serving day. Fed measured lists one at a time, or whole reports (stored days) to add up a range: either way the
/// groups are sums, so a range added from its days equals the range computed at once.
/// </summary>
internal sealed class OutcomeBreakdown
{
    private readonly OutcomeTotals _overall = new();
    private readonly SortedDictionary<int, OutcomeTotals> _positions = [];
    private readonly SortedDictionary<string, OutcomeTotals> _segments = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, OutcomeTotals> _models = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, OutcomeTotals> _variants = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, OutcomeTotals> _reasons = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, OutcomeTotals> _days = new(StringComparer.Ordinal);

    public long Scanned { get; set; }

    public long Open { get; set; }

    public long Unmeasured { get; set; }

    public void Add(ServedList list, ListOutcome outcome)
    {
        _overall.AddList(outcome);
        Of(_segments, list.Segment).AddList(outcome);
        Of(_models, list.ModelVersion).AddList(outcome);
        Of(_days, list.ServedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).AddList(outcome);
        foreach (var assignment in list.Experiments)
        {
            Of(_variants, assignment.ExperimentId + "/" + assignment.Variant).AddList(outcome);
        }
        for (var p = 0; p < outcome.Items.Count; p++)
        {
            Of(_positions, p).AddItem(outcome.Items[p]);
            Of(_reasons, JsonNamingPolicy.SnakeCaseLower.ConvertName(list.Items[p].Reason.ToString())).AddItem(outcome.Items[p]);
        }
    }

    /// <summary>Adds a whole report (one stored day) to the range being built.</summary>
    public void Add(ListOutcomeReport report)
    {
        Scanned += report.ScannedLists;
        Open += report.OpenLists;
        Unmeasured += report.UnmeasuredLists;
        _overall.Add(report.Overall);
        foreach (var row in report.ByPosition)
        {
            Of(_positions, int.Parse(row.Key, NumberStyles.None, CultureInfo.InvariantCulture)).Add(row.Totals);
        }
        AddRows(_segments, report.BySegment);
        AddRows(_models, report.ByModelVersion);
        AddRows(_variants, report.ByVariant);
        AddRows(_reasons, report.ByReasonType);
        AddRows(_days, report.ByDay);
    }

    public ListOutcomeReport Report(DateOnly from, DateOnly to, DateTimeOffset computedAt, TimeSpan window) =>
        new(from, to, computedAt, window.TotalHours, Scanned, Open, Unmeasured, _overall,
            Rows(_positions), Rows(_segments), Rows(_models), Rows(_variants), Rows(_reasons), Rows(_days));

    private static void AddRows(SortedDictionary<string, OutcomeTotals> groups, IReadOnlyList<OutcomeGroup> rows)
    {
        foreach (var row in rows)
        {
            Of(groups, row.Key).Add(row.Totals);
        }
    }

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
        [.. groups.Select(g => new OutcomeGroup(Convert.ToString(g.Key, CultureInfo.InvariantCulture)!, g.Value))];
}
