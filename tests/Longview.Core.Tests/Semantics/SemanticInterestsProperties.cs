using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Items;
using Longview.Core.Semantics;
using Longview.Core.Serving.Catalog;

namespace Longview.Core.Tests.Semantics;

public sealed class SemanticInterestsProperties
{
    private static readonly DateTimeOffset T = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Up to 40 items with 4-dimensional vectors drawn around a few directions (so clusters exist), some duplicates.</summary>
    private static Arbitrary<float[][]> Vectors() =>
        Gen.Choose(0, 3).Zip(Gen.Choose(-3, 3).ArrayOf(4), (axis, noise) =>
        {
            var v = noise.Select(n => n / 10f).ToArray();
            v[axis] += 1;
            return v;
        }).ArrayOf().Where(a => a.Length <= 40).ToArbitrary();

    private static (CatalogSnapshot Catalogue, string[] Ids) Catalogue(float[][] vectors)
    {
        var ids = vectors.Select((_, i) => $"i{i:D2}").ToArray();
        var items = ids.Select((id, i) => new CatalogItem(id, $"Item {i}", [$"c{i % 3}"], T, Tags: [$"t{i % 2}"])).ToList();
        var embeddings = items.ToDictionary(i => i.ItemId, i => new ItemEmbedding(i.ItemId, "e@1", ItemText.HashOf(i), vectors[int.Parse(i.ItemId[1..])], T));
        return (new CatalogSnapshot(items, "e@1", embeddings), ids);
    }

    [Property]
    public Property Every_engaged_item_is_in_exactly_one_interest_and_labels_are_members() =>
        Prop.ForAll(Vectors(), vectors =>
        {
            var (catalogue, ids) = Catalogue(vectors);
            var interests = SemanticInterests.Of(ids, catalogue);
            var members = interests.SelectMany(i => i.Items).ToList();
            return (ids.Length == 0 ? interests.Count == 0 : interests.Count is >= 1 and <= SemanticInterests.MaxInterests)
                && members.Count == ids.Length && members.ToHashSet().SetEquals(ids)
                && interests.All(i => i.Items.Count > 0 && i.Typical.Count is >= 1 and <= SemanticInterests.MaxTypical && i.Typical.All(i.Items.Contains))
                && interests.All(i => i.Labels.All(l => i.Items.Any(m => catalogue.Find(m)!.Categories.Contains(l) || catalogue.Find(m)!.Tags!.Contains(l))))
                && Math.Abs(interests.Sum(i => i.Share) - (ids.Length == 0 ? 0 : 1)) < 1e-5
                // Largest first.
                && interests.Zip(interests.Skip(1)).All(p => p.First.Items.Count >= p.Second.Items.Count);
        });

    [Property]
    public Property The_same_items_give_the_same_interests() =>
        Prop.ForAll(Vectors(), vectors =>
        {
            var (catalogue, ids) = Catalogue(vectors);
            var (again, _) = Catalogue([.. vectors.Select(v => v.ToArray())]);
            var a = SemanticInterests.Of(ids, catalogue);
            var b = SemanticInterests.Of(ids, again);
            return a.Count == b.Count && a.Zip(b).All(p => p.First.Items.SequenceEqual(p.Second.Items) && p.First.Typical.SequenceEqual(p.Second.Typical)
                && p.First.Labels.SequenceEqual(p.Second.Labels) && p.First.Centroid.SequenceEqual(p.Second.Centroid));
        });

    [Fact]
    public void Two_clear_themes_make_two_interests_labelled_by_their_own_items()
    {
        float[][] vectors = [[1, 0.1f, 0, 0], [0, 1, 0.1f, 0], [0.9f, 0, 0.1f, 0], [0.1f, 0.9f, 0, 0], [1, 0, 0, 0.1f], [0, 1, 0, 0.1f]];
        var (catalogue, ids) = Catalogue(vectors);

        var interests = SemanticInterests.Of(ids, catalogue);

        Assert.Equal(2, interests.Count);
        Assert.Equal(["i00", "i02", "i04"], interests.Single(i => i.Items.Contains("i00")).Items);
        Assert.Equal(["i01", "i03", "i05"], interests.Single(i => i.Items.Contains("i01")).Items);
    }

    [Fact]
    public void Items_without_a_current_embedding_are_left_out_and_none_at_all_give_no_interests()
    {
        var (catalogue, _) = Catalogue([[1, 0, 0, 0]]);

        Assert.Equal(["i00"], Assert.Single(SemanticInterests.Of(["unknown", "i00"], catalogue)).Items);
        Assert.Empty(SemanticInterests.Of(["unknown"], catalogue));
    }
}
