namespace Longview.Core.Profiles;

/// <summary>
/// Versions of the stored profile and how an older one is read. Format 1 (documents without a <c>format</c> field)
/// counted impressions as activity: they marked active days and moved first/last seen. Format 2 counts activity only
/// (<see cref="Activity"/>), flags passive entries of the dedup record, and may carry <see cref="UserProfile.ErasedAt"/>.
/// Format 3 keeps no impression in the dedup record: the impressions window already holds their hashes
/// (<see cref="ProfileLimits.MaxRecentImpressions"/>), and the second copy was a third of a long-served profile.
/// Format 4 keeps each recent event's eventId hash (<see cref="RecentEvent.EventKey"/>, 8 bytes) instead of the id (ml-1m's
/// stored profiles after 205 served lists: 13.6 → 12.1 KiB mean; longer ids save more) and orders events of equal time by item id, as the training job reads
/// them (<see cref="RecentEvent.Order"/>); an older profile's keys are the hashes of its ids, and its sequence is sorted again.
/// An older profile is upgraded in memory as it is read, so every reader (profile route, serving, retention scan,
/// training snapshot) already sees the current format; the store keeps the old bytes until the profile's next write.
/// Builds before format 2 cannot read format 2 (flagged dedup entries); format 2 builds read format 3 (the previous
/// build served format 3 profiles in the serve bench's pairs, issue 18's tenth pass); builds before format 2 were not
/// tried on format 3. Builds before format 4 cannot read what it stores: version 3 of <see cref="CompactProfileEncoding"/>
/// (SQLite), and documents whose keys are decimal strings (Cosmos, <see cref="EventKeyJson"/>). A rollback past it
/// needs the profiles written since to be rewritten or dropped.
/// <para>
/// One thing of format 2 is not carried over: a record written while activity and impressions shared one bound (before
/// they were bounded apart in format 2) and full in total may have lost activity older than its oldest entry, and
/// said so while it held that entry; with the impression entries dropped it says so only once its activity fills the bound.
/// </para>
/// </summary>
public static class ProfileFormat
{
    public const int Current = 4;

    /// <summary>
    /// Format 1 → 4 from what the profile remembers. The dedup record holds (time, eventId hash) of the newest events and
    /// the impressions window the hashes of the newest impressions, so a remembered event is known to be an impression
    /// when its hash is in that window. An active day is dropped only when the dedup record covers the whole day and none
    /// of its remembered events on that day is activity; days older than what the record remembers are kept. Exact for
    /// a user whose whole history is remembered (fewer events than <see cref="ProfileLimits.MaxSeenEventIds"/>, fewer
    /// impressions than <see cref="ProfileLimits.MaxRecentImpressions"/>); otherwise it errs towards keeping activity.
    /// </summary>
    internal static void Upgrade(UserProfile profile)
    {
        if (profile.Format >= Current)
        {
            return;
        }
        if (profile.Format < 2)
        {
            UpgradeActivity(profile);
        }
        // Format 2's flagged entries were dropped as the record was read (SeenEvents.FromRecords), and the recent events'
        // ids became their keys (CompactProfileEncoding, RecentEventJsonConverter); their order is format 4's.
        profile.Recent.Sort(RecentEvent.Order);
        profile.Format = Current;
    }

    private static void UpgradeActivity(UserProfile profile)
    {
        var impressionKeys = new HashSet<ulong>(profile.Impressions.Count);
        foreach (var impression in profile.Impressions)
        {
            impressionKeys.Add(impression.EventKey);
        }

        profile.Seen.MarkPassive(impressionKeys);
        // Every applied event increments one counter, so equal totals mean the record remembers the whole history.
        var complete = profile.Seen.Count == profile.Counts.Total;
        DateOnly? rememberedFrom = complete || profile.Seen.Oldest is not { } oldest ? null : DateOnly.FromDateTime(oldest.UtcDateTime);
        var activityDays = new HashSet<DateOnly>();
        DateTimeOffset? firstActivity = null, lastActivity = null;
        foreach (var time in profile.Seen.ActivityTimes)
        {
            activityDays.Add(DateOnly.FromDateTime(time.UtcDateTime));
            firstActivity ??= time;
            lastActivity = time;
        }

        var kept = new ActiveDays();
        foreach (var day in profile.ActiveDays.Days)
        {
            // The oldest remembered day itself may have had forgotten events: keep it.
            if (day <= rememberedFrom || activityDays.Contains(day))
            {
                kept.Add(day);
            }
        }

        profile.ActiveDays = kept;
        if (kept.Count == 0)
        {
            profile.FirstSeen = null;
            profile.LastSeen = null;
        }
        else if (complete)
        {
            profile.FirstSeen = firstActivity;
            profile.LastSeen = lastActivity;
        }
        else if (lastActivity is not null)
        {
            // Activity among the newest remembered events: the latest of them is the last activity. First seen lies
            // before what the record remembers and stays.
            profile.LastSeen = lastActivity;
        }
        else if (profile.Seen.Oldest is { } horizon && profile.LastSeen > horizon)
        {
            // Only impressions since the horizon: the last activity was at or before it.
            profile.LastSeen = horizon;
        }

        profile.Seen.DropPassive();
    }
}
