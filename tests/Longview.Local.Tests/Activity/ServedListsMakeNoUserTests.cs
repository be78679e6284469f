using System.Net;
using Longview.Core.Ports;
using Longview.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Local.Tests.Activity;

/// <summary>Issue 13, item 3, through the running app: a list served to an unknown id does not make it a user.</summary>
public sealed class ServedListsMakeNoUserTests
{
    [Fact]
    public async Task Recommendations_for_an_unknown_id_leave_its_profile_route_at_404()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);
        await app.Client.PostItemsAsync("""[{"itemId": "m1", "title": "Heat", "categories": ["crime"]}, {"itemId": "m2", "title": "Up", "categories": ["kids"]}]""");

        var served = await app.Client.GetAsync("/api/users/ghost/recommendations?count=2");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        // The impression writer ingests in the background: wait until the impressions are stored (fatigue needs them).
        var store = app.Services.GetRequiredService<IProfileStore>();
        StoredProfile? stored = null;
        for (var attempt = 0; attempt < 200 && stored is null; attempt++)
        {
            stored = await store.GetAsync("ghost");
            if (stored is null)
            {
                await Task.Delay(50);
            }
        }
        Assert.NotNull(stored);
        Assert.Equal(2, stored.Profile.Impressions.Count);

        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/users/ghost/profile")).StatusCode);
    }
}
