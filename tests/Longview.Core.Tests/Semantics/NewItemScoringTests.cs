using System.Text.Json;
using Longview.Core.Semantics;

namespace Longview.Core.Tests.Semantics;

/// <summary>
/// Serving scores a new item with the formula the training job fitted: the reference file is written by the job's own
/// code (training/longview_training/new_item_scoring.py, <c>parity_reference</c>; tests/training checks it is current),
/// so a change on either side that breaks parity fails here.
/// </summary>
public sealed class NewItemScoringTests
{
    private static JsonElement Reference()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Semantics", "Parity", "new_item_scoring_reference.json");
        return JsonDocument.Parse(File.ReadAllBytes(path)).RootElement;
    }

    private static float[]? Vector(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : [.. e.EnumerateArray().Select(v => v.GetSingle())];

    private static string[] Strings(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetString()!)];

    [Fact]
    public void Serving_scores_the_reference_cases_as_the_training_job_does()
    {
        var reference = Reference();
        var fitted = reference.GetProperty("scoring");
        var scoring = NewItemScoring.Create(Strings(fitted.GetProperty("features")),
            [.. fitted.GetProperty("weights").EnumerateArray().Select(w => w.GetDouble())], fitted.GetProperty("offset").GetDouble());
        var cases = reference.GetProperty("cases").EnumerateArray().ToList();
        Assert.True(cases.Count >= 10);
        foreach (var c in cases)
        {
            var inputs = c.GetProperty("inputs").EnumerateArray().ToList();
            var item = c.GetProperty("item");
            var embedding = Vector(item.GetProperty("embedding"));
            var dimensions = inputs.Select(i => Vector(i.GetProperty("embedding"))?.Length).FirstOrDefault(n => n is not null) ?? embedding?.Length ?? 1;
            var input = scoring.ForInput([.. inputs.Select(i => (IReadOnlyList<string>)Strings(i.GetProperty("categories")))],
                inputs.Select(i => Vector(i.GetProperty("embedding"))), dimensions);
            var features = c.GetProperty("features").EnumerateArray().Select(f => f.GetDouble()).ToArray();

            Assert.Equal(features[1], input.CategoryAffinity(Strings(item.GetProperty("categories"))), 5);
            Assert.Equal(features[2], input.ContentSimilarity(embedding ?? []), 4);
            Assert.Equal(features[3], input.RecentCategoryAffinity(Strings(item.GetProperty("categories"))), 5);
            var score = scoring.Score(item.GetProperty("textScore").GetSingle(), input, Strings(item.GetProperty("categories")), embedding ?? []);
            Assert.Equal(c.GetProperty("score").GetDouble(), score, 3);
        }
    }

    [Fact]
    public void A_version_without_a_fitted_combiner_serves_the_raw_text_score()
    {
        var raw = NewItemScoring.Raw;
        var input = raw.ForInput([["Drama"]], [[1f, 0f]], 2);

        Assert.False(raw.UsesInput);
        Assert.Equal(2.5f, raw.Score(2.5f, input, ["Drama"], [1f, 0f]));
    }

    [Fact]
    public void A_combiner_for_other_features_is_refused_with_the_reason()
    {
        var wrongOrder = Assert.Throws<FormatException>(() => NewItemScoring.Create(["categoryAffinity", "textScore", "contentSimilarity", "recentCategoryAffinity"], [1, 2, 3, 4], 0));
        Assert.Contains("textScore, categoryAffinity, contentSimilarity, recentCategoryAffinity", wrongOrder.Message);
        var missing = Assert.Throws<FormatException>(() => NewItemScoring.Create(NewItemScoring.Features, [1, 2, 3], 0));
        Assert.Contains("3 values for 4 features", missing.Message);
        Assert.Throws<FormatException>(() => NewItemScoring.Create(NewItemScoring.Features, [1, double.NaN, 0, 0], 0));
    }

    [Fact]
    public void Category_affinity_and_content_similarity_are_shares_and_cosines_of_the_input()
    {
        var scoring = NewItemScoring.Create(NewItemScoring.Features, [0, 1, 1, 1], 0);
        var input = scoring.ForInput([["Drama", "Crime"], ["Drama"], ["Comedy"], []], [[1f, 0f], [1f, 0f], null, [0f, 0f]], 2);

        Assert.Equal(0.5f, input.CategoryAffinity(["Crime", "Drama"]));   // Drama: 2 of 4 input items
        Assert.Equal(0f, input.CategoryAffinity(["Horror"]));
        var twenty = scoring.ForInput([.. Enumerable.Repeat<IReadOnlyList<string>>(["Drama"], 10), .. Enumerable.Repeat<IReadOnlyList<string>>(["Comedy"], 10)], [], 2);
        Assert.Equal(0.5f, twenty.CategoryAffinity(["Comedy"]));
        Assert.Equal(1f, twenty.RecentCategoryAffinity(["Comedy"]));          // the newest 10 are all comedies
        Assert.Equal(0f, twenty.RecentCategoryAffinity(["Drama"]));
        Assert.Equal(1f, input.ContentSimilarity([3f, 0f]), 5);
        Assert.Equal(0f, input.ContentSimilarity([0f, 2f]), 5);
        Assert.Equal(0f, input.ContentSimilarity([]));                    // no embedding: no evidence, not an error
    }
}
