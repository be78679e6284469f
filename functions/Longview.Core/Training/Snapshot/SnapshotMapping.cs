using Longview.Core.Events;
using Longview.Core.Profiles;

namespace Longview.Core.Training.Snapshot;

/// <summary>Maps a stored profile to its snapshot line.</summary>
public static class SnapshotMapping
{
    private static readonly int EpochDay = new DateOnly(1970, 1, 1).DayNumber;

    public static SnapshotRecord ToRecord(UserProfile profile)
    {
        var events = new List<SnapshotEvent>(profile.Recent.Count);
        // Recent is kept in its order (oldest first); sorting again costs little and keeps the contract even if that ever changes.
        foreach (var e in profile.Recent.Order(Comparer<RecentEvent>.Create(RecentEvent.Order)))
        {
            events.Add(new SnapshotEvent(e.ItemId, e.Timestamp.ToUnixTimeSeconds(), e.Type.ToWireName(), e.Value));
        }

        var days = new List<int>(profile.ActiveDays.Count);
        foreach (var day in profile.ActiveDays.Days)
        {
            days.Add(day.DayNumber - EpochDay);
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < EventTypes.All.Count; i++)
        {
            var count = profile.Counts[(EventType)i];
            if (count != 0)
            {
                counts[EventTypes.All[i]] = count;
            }
        }

        return new SnapshotRecord(profile.UserId, profile.FirstSeen?.ToUniversalTime(), profile.LastSeen?.ToUniversalTime(), events, days, counts);
    }
}
