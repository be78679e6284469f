using Longview.Core.Events;
using Longview.Core.Lifecycle.Engagement;
using Longview.Core.Profiles;

namespace Longview.Api;

/// <summary>
/// The answer of GET /api/users/{userId}/profile: what the profile says about a user, in plain units (times as
/// ISO-8601, days as yyyy-MM-dd, counts and scores as numbers). The stored form (<see cref="UserProfile"/>: log2
/// affinity sums, varint-packed days, the dedup record) stays internal, so it can change without breaking clients.
/// It depends on the stored profile only, not on the time of the request: the same events give the same answer.
/// </summary>
public sealed record PublicProfile(
    string UserId,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    PublicProfileActivity Activity,
    IReadOnlyDictionary<string, long> Events,
    IReadOnlyList<PublicRecentEvent> Recent,
    IReadOnlyList<PublicCategoryAffinity> Affinities,
    PublicRatings Ratings,
    PublicPurchases? Purchases,
    IReadOnlyList<ItemFatigue> Fatigue)
{
    /// <summary>
    /// The user's interests in words, from the text embeddings of their recent engaged items (clusters labelled by their
    /// most typical items, tags and categories; <c>SemanticInterests</c>); absent while none of those items has a current
    /// embedding. Unlike the rest it also depends on the catalogue (an item's text), not only on the profile.
    /// </summary>
    public IReadOnlyList<PublicSemanticInterest>? Interests { get; init; }

    /// <summary>Sessions are inferred from gaps in activity longer than this (the usual analytics default).</summary>
    public static readonly TimeSpan SessionGap = Sessions.DefaultGap;

    /// <summary>
    /// The public view of <paramref name="profile"/>. Affinities are decayed with <paramref name="affinityHalfLife"/>
    /// (the aggregator's) to the user's last activity: decay scales every category alike, so their order is the same
    /// at any later time, and the answer does not drift while nothing happens.
    /// </summary>
    public static PublicProfile From(UserProfile profile, TimeSpan affinityHalfLife)
    {
        var days = profile.ActiveDays;
        var activity = new PublicProfileActivity(
            days.Count,
            days.First,
            days.Last,
            profile.SessionStarts,
            Sessions.Of(profile, SessionGap).Count);
        var events = EventTypes.All
            .Select((name, index) => (name, count: profile.Counts[(EventType)index]))
            .Where(e => e.count != 0)
            .ToDictionary(e => e.name, e => e.count, StringComparer.Ordinal);
        var recent = profile.Recent
            .AsEnumerable().Reverse()
            .Select(r => new PublicRecentEvent(r.ItemId, r.Type.ToWireName(), r.Timestamp, r.Value))
            .ToList();
        var affinities = profile.AffinitiesAt(profile.LastSeen ?? CategoryAffinity.Anchor, affinityHalfLife)
            .Select(a => new PublicCategoryAffinity(a.Key, Math.Round(a.Value, 6)))
            .OrderByDescending(a => a.Score).ThenBy(a => a.Category, StringComparer.Ordinal)
            .ToList();
        var ratings = new PublicRatings(profile.Ratings.Count, profile.Ratings.Mean, profile.Ratings.Min, profile.Ratings.Max);
        var purchases = profile.Purchases is { } p
            ? new PublicPurchases(p.Count, p.Total, p.First, p.Last, p.Days.Count)
            : null;
        return new PublicProfile(profile.UserId, profile.FirstSeen, profile.LastSeen, activity, events, recent, affinities, ratings, purchases, profile.Fatigue());
    }
}
