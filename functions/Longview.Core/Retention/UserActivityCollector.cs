using Longview.Core.Events;
using Longview.Core.Profiles;

namespace Longview.Core.Retention;

/// <summary>
/// Turns events into <see cref="UserActivity"/> projections directly (UTC day of each timestamp), for imports
/// and checks that run before profiles exist. Holds every user's days: O(users x active days), so it is bounded
/// by <paramref name="maxUsers"/>; the streaming path is profiles through <c>ProfileAggregator</c>.
/// </summary>
public sealed class UserActivityCollector(int maxUsers = 1_000_000)
{
    private readonly Dictionary<string, HashSet<int>> _days = new(StringComparer.Ordinal);

    public int UserCount => _days.Count;

    /// <summary>
    /// Records the event's UTC day for its user; the same day twice (or the same event twice) changes nothing. Passive
    /// events (impressions, see <see cref="Activity"/>) are not activity: they neither make a user nor mark a day.
    /// </summary>
    public void Add(UserEvent userEvent)
    {
        ArgumentNullException.ThrowIfNull(userEvent);
        if (!userEvent.Type.IsActivity())
        {
            return;
        }
        if (string.IsNullOrEmpty(userEvent.UserId) || userEvent.UserId.Length > UserActivity.MaxUserIdLength)
        {
            throw new ArgumentException($"event '{userEvent.EventId}': userId: must be 1..{UserActivity.MaxUserIdLength} characters", nameof(userEvent));
        }
        if (!_days.TryGetValue(userEvent.UserId, out var days))
        {
            if (_days.Count >= maxUsers)
            {
                throw new InvalidOperationException($"event '{userEvent.EventId}': more than {maxUsers} users; use the profile path for larger sets");
            }
            days = [];
            _days.Add(userEvent.UserId, days);
        }
        days.Add(DateOnly.FromDateTime(userEvent.Timestamp.UtcDateTime).DayNumber);
    }

    /// <summary>One projection per user, by ordinal user id.</summary>
    public IEnumerable<UserActivity> Activities()
    {
        foreach (var userId in _days.Keys.Order(StringComparer.Ordinal))
        {
            var numbers = _days[userId].Order().ToArray();
            var days = Array.ConvertAll(numbers, DateOnly.FromDayNumber);
            yield return new UserActivity(userId, days[0], days, days[^1]);
        }
    }
}
