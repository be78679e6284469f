using Longview.Core.Retention;

namespace Longview.Core.Tests.Retention;

/// <summary>Short ways to write days and users in hand-computed cases.</summary>
internal static class Days
{
    public static DateOnly D(string isoDay) => DateOnly.ParseExact(isoDay, "yyyy-MM-dd");

    public static UserActivity User(string id, params string[] isoDays) => UserActivity.FromDays(id, isoDays.Select(D));
}
