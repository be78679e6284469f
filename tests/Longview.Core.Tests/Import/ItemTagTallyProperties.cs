using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Import;
using Longview.Core.Items;

namespace Longview.Core.Tests.Import;

public sealed class ItemTagTallyProperties
{
    private static readonly string[] Words = ["funny", "Funny", " dark  comedy ", "heist", "", "   ", "x", new string('l', 65), "Dark Comedy", "atmospheric"];

    private static Arbitrary<(int Item, string Tag)[]> Taggings() =>
        Gen.Choose(0, 3).Zip(Gen.Elements(Words), (i, t) => (i, t)).ArrayOf().ToArbitrary();

    [Property]
    public Property Tags_stay_within_the_item_limits_are_distinct_normalised_and_most_used_first() =>
        Prop.ForAll(Taggings(), Gen.Choose(1, 4).ToArbitrary(), (taggings, maxTags) =>
        {
            var limits = new ItemLimits { MaxTags = maxTags, MaxTagLength = 64 };
            var tally = new ItemTagTally();
            foreach (var (item, tag) in taggings)
            {
                tally.Add($"i{item}", tag);
            }
            return Enumerable.Range(0, 4).All(i =>
            {
                var counts = taggings.Where(t => t.Item == i).Select(t => ItemTagTally.Normalize(t.Tag)).Where(t => t.Length is > 0 and <= 64)
                    .GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
                var tags = tally.TagsOf($"i{i}", limits);
                if (counts.Count == 0)
                {
                    return tags is null;
                }
                return tags is not null
                    && tags.Count == Math.Min(maxTags, counts.Count)
                    && tags.Distinct().Count() == tags.Count
                    && tags.All(t => counts.ContainsKey(t))
                    && tags.Zip(tags.Skip(1)).All(p => counts[p.First] >= counts[p.Second])
                    // No tag left out is used more than one kept.
                    && counts.Keys.Except(tags).All(t => counts[t] <= counts[tags[^1]]);
            });
        });

    [Fact]
    public void Case_and_white_space_do_not_split_a_tag()
    {
        var tally = new ItemTagTally();
        tally.Add("m", "Dark Comedy");
        tally.Add("m", " dark   comedy");
        tally.Add("m", "heist");

        Assert.Equal(["dark comedy", "heist"], tally.TagsOf("m", new ItemLimits()));
    }

    [Fact]
    public void LastFm_lines_parse_into_artists_tags_and_the_vocabulary()
    {
        var format = new LastFmFormat();

        var artist = format.ParseItem("1\tMALICE MIZER\thttp://www.last.fm/music/MALICE+MIZER\thttp://x/1.jpg").Value!;
        Assert.Equal(("1", "MALICE MIZER", 0), (artist.ItemId, artist.Title, artist.Categories.Count));
        Assert.Equal(new ItemTag("52", "13"), format.ParseTag("2\t52\t13\t1\t4\t2009\r").Value);
        Assert.Equal(new ItemTag("13", "chillout"), format.ParseTagName("13\tchillout\r").Value);
        Assert.Contains("1 field", format.ParseItem("17").Error);
        Assert.Equal("like", format.ParseEvent("2\t52\t13\t1\t4\t2009", 2).Value!.Type.ToString().ToLowerInvariant());
    }
}
