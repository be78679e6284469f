using Longview.Core.Configuration;
using Longview.Core.Semantics;

namespace Longview.Core.Tests.Semantics;

public sealed class SemanticOptionsTests
{
    private static IEnumerable<string> Failures(SemanticOptions options) =>
        new SettingsValidator<SemanticOptions>(SemanticOptions.SectionName).Validate(null, options).Failures ?? [];

    [Fact]
    public void Defaults_are_valid() => Assert.Empty(Failures(new SemanticOptions()));

    [Fact]
    public void Each_bad_setting_is_named_by_its_configuration_path()
    {
        var failures = Failures(new SemanticOptions { BatchSize = 0, MaxItemsPerSweep = 0, SweepInterval = TimeSpan.FromSeconds(1), InitialSweepDelay = TimeSpan.FromSeconds(-1) }).ToList();

        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Longview:Semantics:BatchSize = 0:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Longview:Semantics:MaxItemsPerSweep = 0:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Longview:Semantics:SweepInterval must be", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Longview:Semantics:InitialSweepDelay must not be negative", StringComparison.Ordinal));
    }
}
