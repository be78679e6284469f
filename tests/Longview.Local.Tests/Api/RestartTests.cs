using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Api;

public sealed class RestartTests
{
    [Fact]
    public async Task A_new_host_on_the_same_data_folder_serves_the_same_profile()
    {
        using var folder = new TempFolder();
        string before;
        await using (var first = await RunningApp.StartAsync(folder.Path))
        {
            await first.Client.PostItemsAsync("""{"itemId": "m1", "title": "Heat", "categories": ["crime"]}""");
            await first.Client.PostEventsAsync("""
                {"eventId":"r1","userId":"gus","itemId":"m1","type":"view","timestamp":"2025-03-01T10:00:00Z","value":30}
                {"eventId":"r2","userId":"gus","itemId":"m1","type":"rating","timestamp":"2025-03-02T10:00:00Z","value":5}
                """, "application/x-ndjson");
            // The profile's interests appear once the background encoder has embedded m1: compare the settled profile.
            before = await Serving.ServingApp.EventuallyAsync(() => first.Client.GetProfileJsonAsync("gus"),
                profile => profile.Contains("\"interests\"", StringComparison.Ordinal), "the profile's interests (the item embedded)");
        }

        await using var second = await RunningApp.StartAsync(folder.Path);

        Assert.Equal(before, await second.Client.GetProfileJsonAsync("gus"));
        var again = await second.Client.PostEventsAsync("""{"eventId":"r2","userId":"gus","itemId":"m1","type":"rating","timestamp":"2025-03-02T10:00:00Z","value":5}""");
        Assert.Equal(1, again.Duplicates);
    }
}
