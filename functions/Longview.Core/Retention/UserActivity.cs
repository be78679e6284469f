namespace Longview.Core.Retention;

/// <summary>
/// The projection of a user that retention maths needs: the first and last UTC day with activity and the
/// UTC days with activity (sorted ascending, distinct, all within [FirstSeenDay, LastSeenDay]).
/// The maths only asks for membership of days, so a profile that keeps a window of days after first seen
/// and before last seen feeds it exactly for every N inside those windows.
/// </summary>
public sealed record UserActivity(string UserId, DateOnly FirstSeenDay, IReadOnlyList<DateOnly> ActiveDays, DateOnly LastSeenDay)
{
    /// <summary>The longest user id accepted (the event contract's limit).</summary>
    public const int MaxUserIdLength = 256;

    /// <summary>Builds the projection from any collection of activity days (any order, duplicates allowed).</summary>
    public static UserActivity FromDays(string userId, IEnumerable<DateOnly> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var sorted = new SortedSet<DateOnly>(days);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("ActiveDays: at least one day is required", nameof(days));
        }
        return new UserActivity(userId, sorted.Min, [.. sorted], sorted.Max);
    }

    /// <summary>Why this projection is inconsistent (field and reason), or null when it is sound.</summary>
    public string? FindProblem()
    {
        if (string.IsNullOrEmpty(UserId))
        {
            return "UserId: must not be empty";
        }
        if (UserId.Length > MaxUserIdLength)
        {
            return $"UserId: longer than {MaxUserIdLength} characters";
        }
        if (ActiveDays is null)
        {
            return "ActiveDays: must not be null";
        }
        if (LastSeenDay < FirstSeenDay)
        {
            return $"LastSeenDay: {LastSeenDay:yyyy-MM-dd} is before FirstSeenDay {FirstSeenDay:yyyy-MM-dd}";
        }
        for (var i = 0; i < ActiveDays.Count; i++)
        {
            var day = ActiveDays[i];
            if (day < FirstSeenDay || day > LastSeenDay)
            {
                return $"ActiveDays[{i}]: {day:yyyy-MM-dd} is outside [FirstSeenDay, LastSeenDay]";
            }
            if (i > 0 && day <= ActiveDays[i - 1])
            {
                return $"ActiveDays[{i}]: {day:yyyy-MM-dd} is not after the previous day (days must be sorted and distinct)";
            }
        }
        return null;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the user, the field and the reason when inconsistent.</summary>
    public void EnsureValid()
    {
        var problem = FindProblem();
        if (problem is not null)
        {
            throw new ArgumentException($"a user's activity: {problem}");
        }
    }
}
