using Longview.Core.Events;
using Longview.Core.Profiles;

namespace Longview.Core.Tests.Lifecycle.Engagement;

/// <summary>Profiles built by the product's own aggregator from generated events, and the generator of those events.</summary>
internal static class EngagementProfiles
{
    /// <summary>Midnight UTC of the first generated day.</summary>
    public static readonly DateTimeOffset Start = new(2024, 1, 30, 0, 0, 0, TimeSpan.Zero);

    private static readonly EventType[] Types = Enum.GetValues<EventType>();

    public static UserEvent Event(string eventId, string userId, EventType type, DateTimeOffset at) =>
        new(eventId, userId, type.RequiresItem() ? "i" + (eventId.Length % 7) : null, type, at);

    /// <summary>
    /// Random events of <paramref name="users"/> users over <paramref name="days"/> days, at whole seconds, bursty (so that
    /// gaps fall on both sides of 30 minutes), with every event type (impressions included).
    /// </summary>
    public static List<UserEvent> Random(int seed, int users, int days, int maxEventsPerUser)
    {
        var random = new Random(seed);
        var events = new List<UserEvent>();
        for (var u = 0; u < users; u++)
        {
            var userId = $"u{u}";
            var count = random.Next(0, maxEventsPerUser + 1);
            var at = Start.AddSeconds(random.Next(0, days * 86_400));
            for (var e = 0; e < count; e++)
            {
                // Mostly short steps inside a session, sometimes a jump of hours (a new session, often a new day).
                at = random.NextDouble() < 0.2
                    ? Start.AddSeconds(random.Next(0, days * 86_400))
                    : at.AddSeconds(random.Next(0, random.NextDouble() < 0.5 ? 45 * 60 : 20 * 60));
                events.Add(Event($"{userId}-e{e}", userId, Types[random.Next(Types.Length)], at.ToOffset(TimeSpan.FromHours(random.Next(-5, 6)))));
            }
        }

        return events;
    }

    /// <summary>One profile per user, events applied in the given order.</summary>
    public static List<UserProfile> Aggregate(IEnumerable<UserEvent> events, ProfileLimits? limits = null)
    {
        var aggregator = new ProfileAggregator(limits ?? new ProfileLimits());
        var profiles = new Dictionary<string, UserProfile>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!profiles.TryGetValue(e.UserId, out var profile))
            {
                profile = ProfileAggregator.NewProfile(e.UserId);
                profiles[e.UserId] = profile;
            }

            aggregator.Apply(profile, e, []);
        }

        return [.. profiles.Values.OrderBy(p => p.UserId, StringComparer.Ordinal)];
    }
}
