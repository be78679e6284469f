using Longview.Core.Events;
using Longview.Core.Items;
using Longview.Core.Ranking;
using Longview.Core.Semantics;
using Longview.Core.Serving.Catalog;
using Longview.Core.Serving.Exclusions;
using Longview.Core.Serving.Popularity;
using Longview.Core.Tests.Ranking;

namespace Longview.Core.Tests.Semantics;

public sealed class SemanticColdStartTests
{
    private static readonly DateTimeOffset Now = ServingWorld.Now;

    private static (List<Candidate> Lifted, List<Candidate> Pool) Lift(double boost)
    {
        var vectors = new Dictionary<string, float[]>
        {
            ["liked1"] = [1, 0, 0], ["liked2"] = [0.96f, 0.28f, 0],
            ["popular"] = [0, 1, 0], ["near"] = [0.99f, 0, 0.14f], ["unseen"] = [0.98f, 0.2f, 0], ["far"] = [0, 0, 1],
        };
        var items = vectors.Keys.Select(id => new CatalogItem(id, id, ["drama"], Now.AddDays(-100))).ToList();
        var catalogue = new CatalogSnapshot(items, "e@1", items.ToDictionary(i => i.ItemId, i => new ItemEmbedding(i.ItemId, "e@1", ItemText.HashOf(i), vectors[i.ItemId], Now)));
        var profile = new ServingWorld(seed: 1).Build("u1", [("liked1", EventType.Click, Now.AddHours(-2)), ("liked2", EventType.Like, Now.AddHours(-1))]);
        var exclusions = ItemExclusions.For(profile, [], Now, new ExclusionOptions());
        var popularity = new PopularityTable([KeyValuePair.Create("popular", 100.0), KeyValuePair.Create("near", 10.0), KeyValuePair.Create("far", 10.0)]);
        List<Candidate> pool =
        [
            new("popular", 3, ["drama"], popularity.Probability("popular"), CandidateSource.Popular),
            new("near", 2, ["drama"], popularity.Probability("near"), CandidateSource.Popular),
            new("far", 2, ["drama"], popularity.Probability("far"), CandidateSource.Popular),
        ];
        return (SemanticColdStart.Lift(pool, profile, catalogue, popularity, exclusions, null, boost), pool);
    }

    [Fact]
    public void Items_like_the_users_few_items_rise_above_more_popular_ones_and_an_unconsumed_one_joins()
    {
        var (lifted, _) = Lift(boost: 1);

        Assert.Equal(["near", "unseen"], lifted.Take(2).Select(c => c.ItemId).Order());
        Assert.True(lifted.Single(c => c.ItemId == "near").Relevance > lifted.Single(c => c.ItemId == "popular").Relevance);
        Assert.Contains(lifted, c => c.ItemId == "unseen");
        Assert.DoesNotContain(lifted, c => c.ItemId is "liked1" or "liked2");
        Assert.Equal(2, lifted.Single(c => c.ItemId == "far").Relevance, 6);
    }

    [Fact]
    public void A_zero_boost_leaves_cold_start_as_it_was()
    {
        var (lifted, pool) = Lift(boost: 0);

        Assert.Same(pool, lifted);
    }
}
