using FsCheck;
using FsCheck.Xunit;
using Longview.Core.Experiments;
using Longview.Core.Ranking;
using MathNet.Numerics.Distributions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Experiments;

public sealed class ExperimentAssignmentTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ExperimentDefinition Experiment(string id, params (string Name, double Share)[] variants) => new()
    {
        Id = id,
        Start = Start,
        End = Start.AddDays(28),
        Control = variants[0].Name,
        Variants = [.. variants.Select(v => new ExperimentVariant { Name = v.Name, Share = v.Share })],
    };

    [Property]
    public bool A_bucket_is_a_pure_function_of_salt_and_user_in_the_unit_interval(NonNull<string> salt, NonNull<string> user)
    {
        var position = ExperimentBucket.Of(salt.Get, user.Get);
        return position >= 0 && position < 1 && position == ExperimentBucket.Of(salt.Get, user.Get);
    }

    [Fact]
    public void Users_split_by_the_configured_shares()
    {
        var experiment = Experiment("split", ("a", 0.5), ("b", 0.3), ("c", 0.2));
        var counts = Enumerable.Range(0, 30_000).GroupBy(i => ExperimentAssigner.VariantOf(experiment, $"user-{i}").Name).ToDictionary(g => g.Key, g => g.Count());

        var chi = new[] { ("a", 0.5), ("b", 0.3), ("c", 0.2) }.Sum(v => Math.Pow(counts[v.Item1] - 30_000 * v.Item2, 2) / (30_000 * v.Item2));
        Assert.True(1 - ChiSquared.CDF(2, chi) > 1e-4, $"counts {string.Join(", ", counts)} do not follow 50/30/20 (chi-square {chi})");
    }

    [Fact]
    public void Assignments_in_two_experiments_are_independent()
    {
        var first = Experiment("first", ("control", 0.5), ("treatment", 0.5));
        var second = Experiment("second", ("control", 0.5), ("treatment", 0.5));
        var table = new int[2, 2];
        for (var i = 0; i < 40_000; i++)
        {
            table[ExperimentAssigner.VariantOf(first, $"u{i}").Name == "control" ? 0 : 1, ExperimentAssigner.VariantOf(second, $"u{i}").Name == "control" ? 0 : 1]++;
        }
        var chi = 0d;
        for (var r = 0; r < 2; r++)
        {
            for (var c = 0; c < 2; c++)
            {
                var expected = (double)(table[r, 0] + table[r, 1]) * (table[0, c] + table[1, c]) / 40_000;
                chi += Math.Pow(table[r, c] - expected, 2) / expected;
            }
        }
        Assert.True(1 - ChiSquared.CDF(1, chi) > 1e-4, $"the variants of 'first' predict those of 'second' (chi-square {chi})");
    }

    [Fact]
    public void Only_running_experiments_assign_and_the_variant_sets_the_weights_and_strategy()
    {
        var fresh = new RankingWeights { ExplorationShare = 0.5 };
        var experiment = Experiment("weights", ("control", 0.5), ("fresh", 0.5));
        experiment.Variants[1].Weights = fresh;
        experiment.Variants[1].Strategy = ServingStrategy.Popularity;
        var assigner = new ExperimentAssigner(Options.Create(new ExperimentOptions { Definitions = [experiment] }));
        var user = Enumerable.Range(0, 100).Select(i => $"u{i}").First(u => ExperimentAssigner.VariantOf(experiment, u).Name == "fresh");

        Assert.Same(ExperimentTreatment.None, assigner.Assign(user, Start.AddTicks(-1)));
        Assert.Same(ExperimentTreatment.None, assigner.Assign(user, experiment.End));
        var treatment = assigner.Assign(user, Start);
        Assert.Equal([new ExperimentAssignment("weights", "fresh")], treatment.Assignments);
        Assert.Same(fresh, treatment.Weights);
        Assert.Equal(ServingStrategy.Popularity, treatment.Strategy);
    }

    [Fact]
    public void Validation_names_the_setting_and_the_reason()
    {
        var uneven = Experiment("uneven", ("control", 0.5), ("b", 0.4));
        var badControl = Experiment("Bad_Id", ("a", 0.5), ("b", 0.5));
        badControl.Control = "missing";
        var a = Experiment("a", ("control", 0.5), ("b", 0.5));
        var b = Experiment("b", ("control", 0.5), ("b", 0.5));
        a.Variants[1].Weights = new RankingWeights();
        b.Variants[1].Weights = new RankingWeights { ExplorationShare = 2 };

        var problems = ExperimentOptionsValidation.Problems(new ExperimentOptions { Definitions = [uneven, badControl, a, b] }).ToList();

        Assert.Contains(problems, p => p.StartsWith("Longview:Experiments:Definitions:0:Variants: the shares must add up to 1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Longview:Experiments:Definitions:1:Id:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Longview:Experiments:Definitions:1:Control: 'missing'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Longview:Experiments:Definitions:3:Variants:1:Weights:ExplorationShare", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("overlap in time and both change the ranking weights", StringComparison.Ordinal));
        Assert.Empty(ExperimentOptionsValidation.Problems(new ExperimentOptions { Definitions = [a] }));
    }
}
