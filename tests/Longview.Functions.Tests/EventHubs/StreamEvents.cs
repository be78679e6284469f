namespace Longview.Functions.Tests.EventHubs;

/// <summary>Event JSON as producers put it on the hub, good and poison.</summary>
internal static class StreamEvents
{
    public static string Good(string eventId, string userId, string itemId, int second = 0, string type = "view") =>
        $$"""{"eventId":"{{eventId}}","userId":"{{userId}}","itemId":"{{itemId}}","type":"{{type}}","timestamp":"2026-12-06T22:{{second / 60 % 60:00}}:{{second % 60:00}}+00:00"}""";

    public static string UnknownType(string eventId) =>
        $$"""{"eventId":"{{eventId}}","userId":"u-poison","itemId":"i-x","type":"teleport","timestamp":"2026-12-06T22:00:00+00:00"}""";

    public static string NoUserId(string eventId) =>
        $$"""{"eventId":"{{eventId}}","itemId":"i-x","type":"view","timestamp":"2026-12-06T22:00:00+00:00"}""";

    public static string NoOffset(string eventId) =>
        $$"""{"eventId":"{{eventId}}","userId":"u-poison","itemId":"i-x","type":"view","timestamp":"2026-12-06T22:00:00"}""";

    public const string Malformed = "{\"eventId\": broken";

    public const string NotJson = "this is not JSON";
}
