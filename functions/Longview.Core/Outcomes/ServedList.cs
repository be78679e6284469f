using Longview.Core.Experiments;
using Longview.Core.Serving;

namespace Longview.Core.Outcomes;

/// <summary>
/// A served list as the outcome report reads it: who got it when, from which model and segment, under which
/// experiment variants, and its items in order with why each was placed.
/// </summary>
public sealed record ServedList(
    string RecommendationId,
    string UserId,
    DateTimeOffset ServedAt,
    string ModelVersion,
    string Segment,
    IReadOnlyList<ServedListItem> Items,
    IReadOnlyList<ExperimentAssignment> Experiments)
{
    public static ServedList From(Recommendation recommendation, DateTimeOffset servedAt)
    {
        var items = new ServedListItem[recommendation.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var reason = recommendation.ReasonTypes is { } types && i < types.Count ? types[i] : ReasonType.Popular;
            items[i] = new ServedListItem(recommendation.Items[i].ItemId, reason);
        }
        return new ServedList(recommendation.RecommendationId, recommendation.UserId, servedAt, recommendation.ModelVersion,
            recommendation.Segment, items, recommendation.Experiments ?? []);
    }
}

/// <summary>One item of a served list; its position is its index in the list (0 = top).</summary>
public sealed record ServedListItem(string ItemId, ReasonType Reason);
