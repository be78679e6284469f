using System.Text.Json.Nodes;
using Longview.Core.Lifecycle.Segments;
using Longview.Core.Tests.Support;

namespace Longview.Core.Tests.Segments;

public sealed class BehaviouralGroupsTests
{
    [Fact]
    public void Three_separated_behaviours_are_found_as_three_groups_and_described_in_words()
    {
        var random = new Random(5);
        var rows = new List<double[]>();
        var truth = new List<int>();
        (double Days, double Recency)[] centres = [(25, 1), (3, 40), (10, 10)];
        for (var i = 0; i < 300; i++)
        {
            var g = i % 3;
            rows.Add([centres[g].Days + random.NextDouble(), centres[g].Recency + random.NextDouble()]);
            truth.Add(g);
        }

        var groups = BehaviouralGroups.Fit(rows, ["active days 30", "recency days"]);

        Assert.Equal(3, groups.K);
        Assert.True(groups.Silhouette > 0.8, $"silhouette {groups.Silhouette}");
        // Same partition as the truth, whatever the group numbers.
        var mapping = Enumerable.Range(0, 3).ToDictionary(g => g, g => groups.Labels[truth.IndexOf(g)]);
        Assert.Equal(3, mapping.Values.Distinct().Count());
        Assert.All(Enumerable.Range(0, rows.Count), i => Assert.Equal(mapping[truth[i]], groups.Labels[i]));
        Assert.Contains("high active days 30, low recency days", groups.Descriptions);
        Assert.Equal(BehaviouralGroups.Fit(rows, ["active days 30", "recency days"]).Labels, groups.Labels);
    }

    [DebianPythonFact("sklearn", "sklearn")]
    public void The_silhouette_equals_scikit_learns()
    {
        var samples = Enumerable.Range(1, 5).Select(seed =>
        {
            var random = new Random(seed);
            var n = random.Next(10, 120);
            var k = random.Next(2, 5);
            var points = Enumerable.Range(0, n).Select(_ => new[] { random.NextDouble() * 10, random.NextDouble() * 3, random.Next(0, 4) * 1.0 }).ToList();
            // Every group non-empty: the first k points seed the labels.
            var labels = Enumerable.Range(0, n).Select(i => i < k ? i : random.Next(0, k)).ToList();
            return (Points: points, Labels: labels);
        }).ToList();
        var input = new JsonObject
        {
            ["samples"] = new JsonArray(samples.Select(s => (JsonNode)new JsonObject
            {
                ["points"] = new JsonArray(s.Points.Select(p => (JsonNode)new JsonArray(p.Select(v => (JsonNode)v).ToArray())).ToArray()),
                ["labels"] = new JsonArray(s.Labels.Select(l => (JsonNode)l).ToArray()),
            }).ToArray()),
        };

        var expected = PythonCrossCheck.Run(Path.Combine("lifecycle", "silhouette_crosscheck.py"), input);

        for (var i = 0; i < samples.Count; i++)
        {
            Assert.Equal(expected[i]!.GetValue<double>(), BehaviouralGroups.MeanSilhouette(samples[i].Points, samples[i].Labels), 10);
        }
    }
}
