using Longview.Core.Semantics;
using Longview.Core.Serving.Catalog;
using Longview.Core.Serving.Churn;
using Longview.Core.Serving.Models;
using Longview.Infrastructure.Semantics;
using Longview.Local.Tests.Serving;
using Longview.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Local.Tests.Semantics;

/// <summary>
/// Issue 16's "done means" through the self-hosted host: an item posted with only a title and a description is embedded
/// by the background encoder (the real one), scored for each user by the current model's new-item combiner, and takes
/// the new-item slot of the users whose history it matches, with a reason naming a liked item.
/// </summary>
public sealed class PostedItemSlotsTests
{
    private static readonly string[] Cooking =
    [
        "Slow-cooked beef stew", "Homemade pasta with tomato sauce", "Roast chicken with herbs", "Chocolate cake from scratch", "Vegetable curry with rice",
    ];

    private static readonly string[] Space =
    [
        "Voyage to the outer planets", "The birth of distant galaxies", "Astronauts aboard the space station", "Black holes and neutron stars", "Landing a rover on Mars",
    ];

    /// <summary>
    /// 100 items (item-1..item-100, more than the candidate pool's 50, so that it fills) whose scores fall with the distance to the last history item, and a text projection of
    /// the real encoder's vectors whose combiner, as the job fits it, puts new items far below the known ones (offset -100)
    /// and orders them by their meaning's similarity to the history (the projection itself is zero: no text score).
    /// </summary>
    private sealed class SmallTextModel : IModelSource, IModelLease
    {
        private const int Items = 100, TextDimensions = 384, Dimensions = 2;

        public TextProjection Text { get; } = TextProjection.Parse(new byte[(TextDimensions * Dimensions + Dimensions + Dimensions * (Items + 1)) * sizeof(float)],
            ArcticXsTextEncoder.EncoderId, TextDimensions, Dimensions, Items + 1, NewItemScoring.Create(NewItemScoring.Features, [0, 0, 10, 0], -100));

        public IModelLease? Acquire() => this;

        public ModelDescription? Current => new(Version, null, null, Items, MaxLength, null);

        public string Version => "small-text";

        public int MaxLength => 12;

        public int ItemCount => Items;

        public int IndexOf(string itemId) => itemId.StartsWith("item-", StringComparison.Ordinal) && int.TryParse(itemId[5..], out var i) && i is >= 1 and <= Items ? i : 0;

        public string ItemAt(int index) => $"item-{index}";

        public void Score(ReadOnlySpan<int> sequence, Span<float> scores)
        {
            var last = sequence[^1];
            scores[0] = -1e9f;
            for (var i = 1; i <= Items; i++)
            {
                scores[i] = -0.1f * Math.Abs(i - last);
            }
        }

        public IReadOnlyList<ChurnFeature> ChurnFeatures => [];

        public float PredictChurn(ReadOnlySpan<float> features) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task A_posted_item_takes_the_new_item_slot_of_the_users_whose_history_it_matches_with_a_liked_item_as_reason()
    {
        using var folder = new TempFolder();
        await using var app = await ServingApp.StartAsync(folder.Path, configureBuilder: builder => builder.Services.AddSingleton<IModelSource>(new SmallTextModel()));
        // Known items: 1..50 about cooking, 51..100 about space, created long ago, so none of them is new (an item
        // posted without a date would be new from now).
        var known = string.Join(",", Enumerable.Range(1, 100).Select(i =>
            $$"""{"itemId":"item-{{i}}","title":"{{(i <= 50 ? Cooking : Space)[(i - 1) % 5]}} {{i}}","categories":["c{{i % 4}}"],"createdAt":"2020-01-01T00:00:00Z"}"""));
        Assert.Equal(100, (await app.Client.PostItemsAsync($"[{known}]")).Accepted);
        await app.PostViewsAsync("cook", 1, 2, 3, 4, 5);
        await app.PostViewsAsync("astro", 51, 52, 53, 54, 55);

        // Posted now with only a title and a description: no date (new from now), no categories, never seen by the model. (arctic-embed-xs puts
        // short unrelated texts at cosine ~0.65, so each description is about its audience's history, clearly.)
        Assert.Equal(2, (await app.Client.PostItemsAsync($$"""
            [{"itemId":"new-dinner","title":"Sunday dinner recipes","description":"Cook a slow beef stew, roast a chicken with herbs and bake a chocolate cake."},
             {"itemId":"new-universe","title":"Across the universe","description":"Astronauts voyage past the outer planets to distant galaxies and black holes."}]
            """)).Accepted);
        var store = app.Service<IItemEmbeddingStore>();
        string[] all = ["new-dinner", "new-universe", .. Enumerable.Range(1, 100).Select(i => $"item-{i}")];
        await ServingApp.EventuallyAsync(() => store.GetManyAsync(ArcticXsTextEncoder.EncoderId, all), found => found.Count == all.Length, "the background encoder to embed the items");

        // The worker refreshes the serving catalogue after it writes (a request in between would see the items unscored).
        var catalogue = app.Service<CatalogSnapshotCache>();
        await ServingApp.EventuallyAsync(() => catalogue.GetAsync(default).AsTask(), snapshot => snapshot.EmbeddingOf("new-dinner") is not null && snapshot.EmbeddingOf("new-universe") is not null,
            "the serving catalogue to hold the posted items' embeddings");

        // Four items for a new user: one exploration slot, which the new items compete for.
        var cook = await app.RecommendAsync("cook", "?count=4&explain=true");
        var astro = await app.RecommendAsync("astro", "?count=4&explain=true");

        Assert.Equal("small-text", cook.ModelVersion);
        var dinner = Assert.Single(cook.Items, i => i.ItemId.StartsWith("new-", StringComparison.Ordinal));
        Assert.Equal("new-dinner", dinner.ItemId);
        Assert.Matches(@"^because you liked (Slow-cooked beef stew 1|Homemade pasta with tomato sauce 2|Roast chicken with herbs 3|Chocolate cake from scratch 4|Vegetable curry with rice 5)$", dinner.Reason);
        var universe = Assert.Single(astro.Items, i => i.ItemId.StartsWith("new-", StringComparison.Ordinal));
        Assert.Equal("new-universe", universe.ItemId);
        Assert.Matches(@"^because you liked (Voyage to the outer planets 51|The birth of distant galaxies 52|Astronauts aboard the space station 53|Black holes and neutron stars 54|Landing a rover on Mars 55)$", universe.Reason);
    }
}
