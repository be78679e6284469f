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
        // One-shot over a stack buffer: ten ids per served list, each formerly five allocations before the string.
        var length = Encoding.UTF8.GetByteCount(recommendationId) + 1 + Encoding.UTF8.GetByteCount(itemId);
        Span<byte> input = length <= 1024 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(recommendationId, input);
        input[written++] = 0;
        Encoding.UTF8.GetBytes(itemId, input[written..]);
        Span<byte> hash = stackalloc byte[16];
        XxHash128.Hash(input, hash);
        Span<char> id = stackalloc char[Prefix.Length + 32];
        Prefix.CopyTo(id);
        Convert.TryToHexStringLower(hash, id[Prefix.Length..], out _);
        return new string(id);
    }
}
