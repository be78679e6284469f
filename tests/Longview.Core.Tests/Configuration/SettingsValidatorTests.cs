using System.ComponentModel.DataAnnotations;
using Longview.Core.Configuration;

namespace Longview.Core.Tests.Configuration;

public sealed class SettingsValidatorTests
{
    public sealed class Leaf
    {
        [Range(0.0, 1.0)]
        public double Share { get; set; } = 0.5;
    }

    public sealed class Root
    {
        [Range(1, 10)]
        public int Count { get; set; } = 1;

        public Leaf Single { get; set; } = new();

        public Dictionary<string, Leaf> ByName { get; set; } = new() { ["a"] = new() };

        public List<Leaf> Items { get; set; } = [new(), new()];

        public Root? Parent { get; set; }
    }

    private static IEnumerable<string> Failures(Root root) =>
        new SettingsValidator<Root>("Longview:Test").Validate(null, root).Failures ?? [];

    [Fact]
    public void Valid_nested_settings_pass() => Assert.Empty(Failures(new Root()));

    [Fact]
    public void A_bad_value_in_a_nested_object_is_named_by_its_configuration_path()
    {
        var root = new Root { Single = new() { Share = 2 } };

        var failure = Assert.Single(Failures(root));
        Assert.StartsWith("Longview:Test:Single:Share = 2:", failure);
    }

    [Fact]
    public void Dictionary_values_and_list_items_are_validated_under_their_key_and_index()
    {
        var root = new Root();
        root.ByName["at_risk"] = new() { Share = double.NaN };
        root.Items[1].Share = -1;

        var failures = Failures(root).ToList();

        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Longview:Test:ByName:at_risk:Share = NaN:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Longview:Test:Items:1:Share = -1:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cycle_stops_at_the_depth_bound()
    {
        var root = new Root();
        root.Parent = root;

        Assert.Empty(Failures(root));
    }

    [Fact]
    public void Top_level_failures_are_still_reported_beside_nested_ones()
    {
        var root = new Root { Count = 0, Single = new() { Share = 3 } };

        var failures = Failures(root).ToList();

        Assert.Contains(failures, f => f.StartsWith("Longview:Test:Count = 0:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Longview:Test:Single:Share = 3:", StringComparison.Ordinal));
    }
}
