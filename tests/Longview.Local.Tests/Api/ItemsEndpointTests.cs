using Longview.Api;
using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Api;

public sealed class ItemsEndpointTests
{
    [Fact]
    public async Task Good_items_are_stored_bad_ones_are_named_and_categories_reach_the_profile()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);

        var response = await app.Client.PostItemsAsync("""
            [
              {"itemId": "m1", "title": "Heat", "categories": ["crime", "drama"]},
              {"itemId": "m2", "categories": ["comedy"]},
              {"itemId": "m3", "title": "Up", "categories": ["animation"], "createdAt": "2009-05-29T00:00:00Z"},
              {"title": "no id", "categories": []}
            ]
            """);

        Assert.Equal(2, response.Accepted);
        Assert.Equal(
            [new RejectedEntry(1, null, "title", "is required") { ItemId = "m2" }, new RejectedEntry(3, null, "itemId", "is required")],
            response.Rejected);
        await app.Client.PostEventsAsync("""{"eventId":"v1","userId":"erin","itemId":"m1","type":"click","timestamp":"2025-03-01T10:00:00Z"}""");
        var erin = await app.Client.GetProfileAsync("erin");
        Assert.Equal(["crime", "drama"], erin.Affinities.Select(a => a.Category));
    }

    [Fact]
    public async Task Posting_an_item_again_replaces_it()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);
        await app.Client.PostItemsAsync("""{"itemId": "m1", "title": "Old", "categories": ["drama"]}""");

        await app.Client.PostItemsAsync("""{"itemId": "m1", "title": "New", "categories": ["comedy"]}""");

        await app.Client.PostEventsAsync("""{"eventId":"v1","userId":"finn","itemId":"m1","type":"click","timestamp":"2025-03-01T10:00:00Z"}""");
        Assert.Equal(["comedy"], (await app.Client.GetProfileAsync("finn")).Affinities.Select(a => a.Category));
    }
}
