using Longview.Core.Events;
using Longview.Core.Retention;
using static Longview.Core.Tests.Retention.Days;

namespace Longview.Core.Tests.Retention;

public sealed class UserActivityTests
{
    public static TheoryData<UserActivity, string> Inconsistent => new()
    {
        { new UserActivity("", D("2024-01-01"), [D("2024-01-01")], D("2024-01-01")), "UserId: must not be empty" },
        { new UserActivity(new string('x', 257), D("2024-01-01"), [D("2024-01-01")], D("2024-01-01")), "UserId: longer than 256 characters" },
        { new UserActivity("u", D("2024-01-02"), [], D("2024-01-01")), "LastSeenDay: 2024-01-01 is before FirstSeenDay 2024-01-02" },
        { new UserActivity("u", D("2024-01-02"), [D("2024-01-01")], D("2024-01-03")), "ActiveDays[0]: 2024-01-01 is outside [FirstSeenDay, LastSeenDay]" },
        { new UserActivity("u", D("2024-01-01"), [D("2024-01-01"), D("2024-01-01")], D("2024-01-01")), "ActiveDays[1]: 2024-01-01 is not after the previous day (days must be sorted and distinct)" },
    };

    [Theory]
    [MemberData(nameof(Inconsistent))]
    public void Each_inconsistency_is_named_by_field_and_reason(UserActivity activity, string problem)
    {
        Assert.Equal(problem, activity.FindProblem());
        Assert.Throws<ArgumentException>(activity.EnsureValid);
    }

    [Fact]
    public void FromDays_sorts_and_removes_duplicates()
    {
        var activity = UserActivity.FromDays("u", [D("2024-01-05"), D("2024-01-01"), D("2024-01-05")]);

        Assert.Equal(new[] { D("2024-01-01"), D("2024-01-05") }, activity.ActiveDays);
        Assert.Equal(D("2024-01-01"), activity.FirstSeenDay);
        Assert.Equal(D("2024-01-05"), activity.LastSeenDay);
        Assert.Null(activity.FindProblem());
    }

    [Fact]
    public void Collector_uses_the_utc_day_of_each_event()
    {
        var collector = new UserActivityCollector();
        // 23:30 at -02:00 is 01:30 UTC on the next day.
        collector.Add(new UserEvent("e1", "u", "i", EventType.View, new DateTimeOffset(2024, 1, 1, 23, 30, 0, TimeSpan.FromHours(-2))));
        collector.Add(new UserEvent("e2", "u", "i", EventType.View, new DateTimeOffset(2024, 1, 3, 0, 30, 0, TimeSpan.FromHours(2))));

        var activity = Assert.Single(collector.Activities());

        Assert.Equal(new[] { D("2024-01-02") }, activity.ActiveDays);
    }

    [Fact]
    public void Collector_refuses_users_beyond_its_limit_and_keeps_the_others()
    {
        var collector = new UserActivityCollector(maxUsers: 1);
        var at = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        collector.Add(new UserEvent("e1", "u1", "i", EventType.View, at));

        var error = Assert.Throws<InvalidOperationException>(() => collector.Add(new UserEvent("e2", "u2", "i", EventType.View, at)));

        Assert.Contains("'e2'", error.Message);
        Assert.Equal("u1", Assert.Single(collector.Activities()).UserId);
    }
}
