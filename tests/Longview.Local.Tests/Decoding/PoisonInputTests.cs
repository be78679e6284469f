using Longview.Api;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Longview.Core.Serialization;
using Longview.Local.Api;
using Longview.Local.Security;
using Longview.Local.Tests.Security;
using Longview.Local.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Longview.Local.Tests.Decoding;

/// <summary>
/// Issue 13, items 2, 7 and 8, end to end on the real app and its SQLite store: a batch holding an id with a C1
/// character, an escaped lone surrogate, invalid UTF-8 or two objects on one line answers 200 with the good events
/// applied and each bad one rejected (it answered 500 and lost the batch), and no log line at Information or above
/// carries a raw user id.
/// </summary>
public sealed class PoisonInputTests
{
    private static string Event(string eventId, string userIdJson, string itemIdJson = "\"m1\"") =>
        $"{{\"eventId\":\"{eventId}\",\"userId\":{userIdJson},\"itemId\":{itemIdJson},\"type\":\"view\",\"timestamp\":\"2025-03-01T10:00:00Z\"}}";

    [Fact]
    public async Task A_poisoned_event_batch_keeps_its_good_events_and_logs_no_raw_id()
    {
        var logs = new CapturedLogs();
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions(), logs: logs);
        using var client = app.Client();
        byte[] body =
        [
            .. Encoding.UTF8.GetBytes(Event("good-1", "\"secret-ann\"") + "\n"),
            .. Encoding.UTF8.GetBytes(Event("c1-raw", "\"secret-bea\u0085\"") + "\n"),
            .. Encoding.UTF8.GetBytes(Event("c1-item", "\"secret-cy\"", "\"m\\u0085\"") + "\n"),
            .. Encoding.UTF8.GetBytes(Event("surrogate", "\"secret-dee\\ud800\"") + "\n"),
            .. "{\"eventId\":\"bad-utf8\",\"userId\":\"secret-eve"u8, 0xFF, 0xFE, .. "\",\"itemId\":\"m1\",\"type\":\"view\",\"timestamp\":\"2025-03-01T10:00:00Z\"}\n"u8,
            .. Encoding.UTF8.GetBytes(Event("first", "\"secret-fay\"") + Event("second", "\"secret-fay\"") + "\n"),
            .. Encoding.UTF8.GetBytes(Event("good-2", "\"secret-gus\"")),
        ];

        var response = await client.PostAsync("/api/events", new ByteArrayContent(body) { Headers = { ContentType = new("application/x-ndjson") } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<IngestResponse>(LongviewJson.Options))!;
        Assert.Equal(2, report.Accepted);
        Assert.Equal([(1, "userId"), (2, "itemId"), (3, "userId"), (4, "userId"), (5, "$")], report.Rejected.Select(r => (r.Index, r.Field)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/users/secret-ann/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/users/secret-gus/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/users/secret-fay/profile")).StatusCode);
        Assert.DoesNotContain(logs.Entries.Where(e => e.Level >= LogLevel.Information), e =>
            new[] { e.Message, e.Exception ?? "" }.Concat(e.Values).Any(text => text.Contains("secret-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_poisoned_item_batch_keeps_its_good_items()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);
        byte[] body =
        [
            .. """{"itemId":"m1","title":"Heat","categories":["crime"]}"""u8, (byte)'\n',
            .. """{"itemId":"m2\u0085","title":"t","categories":[]}"""u8, (byte)'\n',
            .. """{"itemId":"m3","title":"t\ud800","categories":[]}"""u8, (byte)'\n',
            .. """{"itemId":"m4","title":"t"""u8, 0xC0, 0xAF, .. "\",\"categories\":[]}"u8, (byte)'\n',
            .. """{"itemId":"m5","title":"Up","categories":["animation"]}"""u8,
        ];

        var response = await app.Client.PostAsync("/api/items", new ByteArrayContent(body) { Headers = { ContentType = new("application/x-ndjson") } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<IngestResponse>(LongviewJson.Options))!;
        Assert.Equal(2, report.Accepted);
        Assert.Equal([(1, "itemId"), (2, "title"), (3, "title")], report.Rejected.Select(r => (r.Index, r.Field)));
        // An item is named by its itemId, not under "eventId" (issue 13, item 11).
        Assert.Equal([null, "m3", "m4"], report.Rejected.Select(r => r.ItemId));
        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"itemId\":\"m3\"", json);
        Assert.DoesNotContain("eventId", json);
    }
}
