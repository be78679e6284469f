using System.Net;
using Longview.Core.Semantics;
using Longview.Core.Serving.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Functions.Tests.Http;

/// <summary>Interests in words in the public profile, in both hosts, from the real arctic-embed-xs embeddings of the items' text.</summary>
public abstract partial class ApiContract
{
    [Fact]
    public async Task A_profile_names_the_users_interests_by_their_typical_items()
    {
        await using var host = await StartAsync(1 << 20);
        string[] crime = ["heat", "casino", "ronin"], animation = ["toy", "nemo", "shrek"];
        (await host.PostAsync("/api/items", """
            [{"itemId":"heat","title":"Heat (1995)","categories":["Crime","Thriller"],"tags":["heist","los angeles"]},
             {"itemId":"casino","title":"Casino (1995)","categories":["Crime","Drama"],"tags":["mafia","las vegas"]},
             {"itemId":"ronin","title":"Ronin (1998)","categories":["Crime","Thriller"],"tags":["heist","car chase"]},
             {"itemId":"toy","title":"Toy Story (1995)","categories":["Animation","Children"],"tags":["pixar","toys"]},
             {"itemId":"nemo","title":"Finding Nemo (2003)","categories":["Animation","Children"],"tags":["pixar","fish"]},
             {"itemId":"shrek","title":"Shrek (2001)","categories":["Animation","Comedy"],"tags":["fairy tale","ogre"]},
             {"itemId":"other","title":"Unwatched","categories":["Documentary"]}]
            """)).EnsureSuccessStatusCode();
        var events = string.Join(",", crime.Concat(animation).Select((item, i) => ApiRequests.Event($"e{i}", "fan", item)));
        (await host.PostAsync("/api/events", $"[{events}]")).EnsureSuccessStatusCode();
        // Interests come from the items' embeddings: none before the encoder pass, where nothing embeds the posted items
        // by itself. The self-hosted host encodes them in the background as they arrive (an IItemTextObserver queue), so
        // there the first read may already name them; under CI load it did, and asserting none was a race.
        if (host.Services.GetService<IItemTextObserver>() is null)
        {
            Assert.Null((await (await host.GetAsync("/api/users/fan/profile")).JsonAsync())["interests"]);
        }

        // What the host's encoder pass does in the background (self-hosted queue, Azure timer), done here and awaited.
        await host.Services.GetRequiredService<ItemEmbedder>().EmbedCatalogueAsync();
        await host.Services.GetRequiredService<CatalogSnapshotCache>().InvalidateAsync(CancellationToken.None);
        var response = await host.GetAsync("/api/users/fan/profile");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var interests = (await response.JsonAsync())["interests"]!.AsArray();
        Assert.Equal(2, interests.Count);
        var groups = interests.Select(i => i!["typical"]!.AsArray().Select(t => (string)t!["itemId"]!).ToHashSet()).ToList();
        Assert.Contains(groups, g => g.IsSubsetOf(crime) && g.Count > 0);
        Assert.Contains(groups, g => g.IsSubsetOf(animation) && g.Count > 0);
        Assert.All(interests, i => Assert.Equal(3, (int)i!["items"]!));
        Assert.Contains(interests, i => i!["labels"]!.AsArray().Select(l => (string)l!).Contains("Crime"));
        Assert.Contains(interests, i => i!["labels"]!.AsArray().Select(l => (string)l!).Contains("Animation"));
        var titles = new Dictionary<string, string> { ["heat"] = "Heat (1995)", ["casino"] = "Casino (1995)", ["ronin"] = "Ronin (1998)", ["toy"] = "Toy Story (1995)", ["nemo"] = "Finding Nemo (2003)", ["shrek"] = "Shrek (2001)" };
        Assert.All(interests.SelectMany(i => i!["typical"]!.AsArray()), t => Assert.Equal(titles[(string)t!["itemId"]!], (string?)t["title"]));
    }
}
