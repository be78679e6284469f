using System.IO.Hashing;
using System.Text;
using Longview.Core.Events;

namespace Longview.Core.Serving.Impressions;

/// <summary>
/// Turns a served list into <c>impression</c> events so fatigue works even when clients send none. The event id is a
/// hash of the recommendation id and the item id: logging the same response twice changes nothing (ingestion dedups).
/// The list's experiment assignments travel in each event's context as <c>experiment:{id}</c> = variant, so whoever
/// consumes the impressions downstream sees the exposure where it happened.
/// </summary>
public static class ImpressionEvents
{
    public const string Prefix = "imp-";

    public const string ExperimentContextPrefix = "experiment:";

    public static IReadOnlyList<UserEvent> For(Recommendation recommendation, DateTimeOffset servedAt)
    {
        var events = new UserEvent[recommendation.Items.Count];
        var context = recommendation.Experiments is { Count: > 0 } assignments
            ? assignments.ToDictionary(a => ExperimentContextPrefix + a.ExperimentId, a => a.Variant, StringComparer.Ordinal)
            : null;
        for (var i = 0; i < events.Length; i++)
        {
            var itemId = recommendation.Items[i].ItemId;
            events[i] = new UserEvent(EventId(recommendation.RecommendationId, itemId), recommendation.UserId, itemId, EventType.Impression,
                servedAt, RecommendationId: recommendation.RecommendationId, Context: context);
        }
        return events;
    }

    /// <summary>"imp-" + 32 hex digits of XxHash128(recommendationId, 0, itemId): 36 characters, inside every id limit.</summary>
    public static string EventId(string recommendationId, string itemId)
    {
        var hash = new XxHash128();
        hash.Append(Encoding.UTF8.GetBytes(recommendationId));
        hash.Append([0]);
        hash.Append(Encoding.UTF8.GetBytes(itemId));
        return Prefix + Convert.ToHexStringLower(hash.GetCurrentHash());
    }
}
