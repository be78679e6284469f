using Longview.Core.Events;

namespace Longview.Local.Evaluation;

/// <summary>
/// The training job's leave-one-out split (training/longview_training/splits.py): a user's item events ordered by
/// (timestamp, item id), the last one of the sequence types held out; users with fewer than three such events are not
/// evaluated. Impressions and dislikes are not interest, so they are neither held out nor counted.
/// </summary>
public static class LeaveOneOut
{
    public const int MinSequenceLength = 3;

    public static bool IsSequenceType(EventType type) =>
        type is EventType.View or EventType.Click or EventType.Purchase or EventType.Rating or EventType.Like or EventType.Share;

    public static HeldOutUser? Split(string userId, List<UserEvent> events)
    {
        events.Sort((a, b) =>
        {
            var byTime = a.Timestamp.UtcTicks.CompareTo(b.Timestamp.UtcTicks);
            return byTime != 0 ? byTime : string.CompareOrdinal(a.ItemId, b.ItemId);
        });
        var last = -1;
        var sequenceLength = 0;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].ItemId is not null && IsSequenceType(events[i].Type))
            {
                last = i;
                sequenceLength++;
            }
        }
        if (sequenceLength < MinSequenceLength)
        {
            return null;
        }
        var history = new List<UserEvent>(events.Count - 1);
        for (var i = 0; i < events.Count; i++)
        {
            if (i != last)
            {
                history.Add(events[i]);
            }
        }
        return new HeldOutUser(userId, history, events[last]);
    }
}
