using Longview.Core.Events;
using Longview.Core.Profiles;

namespace Longview.Core.Outcomes;

/// <summary>
/// Joins one served list to what its user did afterwards, from the user's profile (the feature store keeps the newest
/// item events with their time, type and value, and the newest impressions). Last touch: a click or purchase of a
/// listed item at time t belongs to this list when the list was served at s &lt;= t &lt;= s + window and no later
/// impression of that item (another list) came between s and t. A user "returned" when active on a UTC day after the
/// serving day, up to the day the window ends.
/// </summary>
public static class ListAttribution
{
    /// <summary>
    /// Null when the profile can no longer tell: the window is still open at <paramref name="now"/>, or events inside it
    /// were evicted from the bounded recent-events list (they would be missed, so the list is left out, not counted as
    /// ignored).
    /// </summary>
    public static ListOutcome? Attribute(ServedList list, UserProfile? profile, TimeSpan window, DateTimeOffset now)
    {
        var end = list.ServedAt + window;
        if (end > now)
        {
            return null;
        }
        if (profile is null)
        {
            // Nobody with this id did anything since (an unknown user who never came back, or an erased one).
            return new ListOutcome([.. list.Items.Select(_ => default(ItemOutcome))], Returned: false);
        }
        if (profile.RecentHorizon is { } horizon && horizon >= list.ServedAt)
        {
            return null;
        }
        var items = new ItemOutcome[list.Items.Count];
        for (var p = 0; p < items.Length; p++)
        {
            var itemId = list.Items[p].ItemId;
            var clicked = false;
            var purchases = 0;
            var value = 0d;
            foreach (var e in profile.Recent)
            {
                if (e.ItemId != itemId || e.Timestamp < list.ServedAt || e.Timestamp > end || e.Type is not (EventType.Click or EventType.Purchase))
                {
                    continue;
                }
                if (ShownAgainBefore(profile, itemId, list.ServedAt, e.Timestamp))
                {
                    continue;
                }
                if (e.Type == EventType.Click)
                {
                    clicked = true;
                }
                else
                {
                    purchases++;
                    value += e.Value ?? 0;
                }
            }
            items[p] = new ItemOutcome(clicked, purchases, value);
        }
        var servedDay = DateOnly.FromDateTime(list.ServedAt.UtcDateTime);
        var lastDay = DateOnly.FromDateTime(end.UtcDateTime);
        var returned = lastDay > servedDay && profile.ActiveDays.Between(servedDay.AddDays(1), lastDay).Any();
        return new ListOutcome(items, returned);
    }

    private static bool ShownAgainBefore(UserProfile profile, string itemId, DateTimeOffset servedAt, DateTimeOffset eventTime)
    {
        foreach (var impression in profile.Impressions)
        {
            if (impression.ItemId == itemId && impression.Timestamp > servedAt && impression.Timestamp <= eventTime)
            {
                return true;
            }
        }
        return false;
    }
}
