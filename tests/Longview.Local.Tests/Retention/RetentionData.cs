using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Retention;

/// <summary>
/// Four users with hand-countable retention, posted through POST /api/events. As of 2024-03-31 the January cohort
/// (a, b, c) has 1 of 3 active in February (a) and 1 of 3 in March (b); the February cohort (d) has 1 of 1 in March.
/// </summary>
internal static class RetentionData
{
    public static readonly DateOnly AsOf = new(2024, 3, 31);

    private static readonly (string User, string Day)[] Activity =
    [
        ("a", "2024-01-01"), ("a", "2024-01-02"), ("a", "2024-02-10"),
        ("b", "2024-01-01"), ("b", "2024-03-05"),
        ("c", "2024-01-15"),
        ("d", "2024-02-01"), ("d", "2024-03-01"),
    ];

    public static async Task PostAsync(HttpClient client)
    {
        var body = "[" + string.Join(",", Activity.Select((a, i) =>
            $"{{\"eventId\":\"s{i}\",\"userId\":\"{a.User}\",\"type\":\"session_start\",\"timestamp\":\"{a.Day}T12:00:00Z\"}}")) + "]";
        var response = await client.PostEventsAsync(body);
        Assert.Equal(Activity.Length, response.Accepted);
    }
}
