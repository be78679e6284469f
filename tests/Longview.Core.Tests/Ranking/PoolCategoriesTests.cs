using FsCheck.Xunit;
using Longview.Core.Ranking;

namespace Longview.Core.Tests.Ranking;

public sealed class PoolCategoriesTests
{
    // Small alphabets give overlaps and repeats; the wide one pushes a pool past 64 distinct categories.
    [Property(MaxTest = 300)]
    public bool Gives_exactly_the_list_jaccard(byte[][] categoryCodes, bool wide)
    {
        var pool = (categoryCodes ?? []).Where(codes => codes is not null).Select((codes, i) => new Candidate(
            $"item-{i}", 1.0, [.. codes.Select(code => $"c{(wide ? code : code % 6)}")], 0.1, CandidateSource.Model, 0)).ToList();
        var sets = new PoolCategories(pool);
        for (var a = 0; a < pool.Count; a++)
        {
            for (var b = 0; b < pool.Count; b++)
            {
                if (sets.Jaccard(a, b) != CategorySimilarity.Jaccard(pool[a].Categories, pool[b].Categories))
                {
                    return false;
                }
            }
        }
        return true;
    }

    [Fact]
    public void Items_without_categories_are_similar_to_nothing()
    {
        var pool = new List<Candidate>
        {
            new("a", 1, [], 0.1, CandidateSource.Model, 0),
            new("b", 1, [], 0.1, CandidateSource.Model, 0),
            new("c", 1, ["Drama", "Comedy"], 0.1, CandidateSource.Model, 0),
            new("d", 1, ["Drama"], 0.1, CandidateSource.Model, 0),
        };
        var sets = new PoolCategories(pool);

        Assert.Equal(0, sets.Jaccard(0, 1));
        Assert.Equal(0, sets.Jaccard(0, 2));
        Assert.Equal(0.5, sets.Jaccard(2, 3));
        Assert.Equal(1, sets.Jaccard(3, 3));
    }
}
