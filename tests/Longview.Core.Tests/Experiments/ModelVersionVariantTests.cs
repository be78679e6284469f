using Longview.Core.Experiments;
using Longview.Core.Serving;
using Longview.Core.Serving.Catalog;
using Longview.Core.Serving.Models;
using Longview.Core.Serving.Popularity;
using Longview.Core.Tests.Ranking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Experiments;

/// <summary>A variant that names a model version is served by it while it is loaded, else by the serving model; the response says which.</summary>
public sealed class ModelVersionVariantTests
{
    private static ExperimentDefinition Experiment(string pinned) => new()
    {
        Id = "challenger",
        Start = ServingWorld.Now.AddDays(-1),
        End = ServingWorld.Now.AddDays(13),
        Control = "control",
        Variants = [new() { Name = "control", Share = 0.5 }, new() { Name = "v2", Share = 0.5, ModelVersion = pinned }],
    };

    private static async Task<(Recommendation Control, Recommendation Pinned)> ServeBothArmsAsync(ExperimentDefinition experiment, IModelSource models)
    {
        var world = new ServingWorld(seed: 5);
        var users = Enumerable.Range(0, 40).Select(i => $"user-{i}").ToList();
        var control = users.First(u => ExperimentAssigner.VariantOf(experiment, u).Name == "control");
        var pinned = users.First(u => ExperimentAssigner.VariantOf(experiment, u).Name == "v2");
        var service = new RecommendationService(
            new MemoryProfiles([world.Profile(control, events: 20, seed: 1), world.Profile(pinned, events: 20, seed: 2)]), models,
            new CatalogSnapshotCache(new MemoryCatalog(world.Items), world.Time, Options.Create(new CatalogSnapshotOptions()), NullLogger<CatalogSnapshotCache>.Instance),
            new FixedPopularitySource(world.Popularity), world.Time, Options.Create(world.Options), NullLogger<RecommendationService>.Instance,
            experiments: new ExperimentAssigner(Options.Create(new ExperimentOptions { Definitions = [experiment] })));
        return (await service.RecommendAsync(control, new RecommendationRequest(5)), await service.RecommendAsync(pinned, new RecommendationRequest(5)));
    }

    [Fact]
    public async Task The_variant_is_served_by_its_version_and_control_by_the_serving_one()
    {
        var items = new ServingWorld(seed: 5).Items.Select(i => i.ItemId).ToList();
        var models = new TwoVersions(new HashModel("v1", items), new HashModel("v2", items));

        var (control, pinned) = await ServeBothArmsAsync(Experiment("v2"), models);

        Assert.Equal("v1", control.ModelVersion);
        Assert.Equal("v2", pinned.ModelVersion);
        Assert.Contains(new ExperimentAssignment("challenger", "v2"), pinned.Experiments!);
    }

    [Fact]
    public async Task A_version_that_is_not_loaded_serves_the_variant_with_the_serving_model_and_says_so()
    {
        var items = new ServingWorld(seed: 5).Items.Select(i => i.ItemId).ToList();
        var models = new TwoVersions(new HashModel("v1", items), new HashModel("v2", items));

        var (_, pinned) = await ServeBothArmsAsync(Experiment("v3"), models);

        Assert.Equal("v1", pinned.ModelVersion);
        Assert.Contains(new ExperimentAssignment("challenger", "v2"), pinned.Experiments!);
    }

    [Fact]
    public void The_default_named_lease_knows_only_the_serving_version()
    {
        IModelSource source = new HashModel("v1", ["a", "b"]);

        Assert.Equal("v1", source.Acquire("v1")!.Version);
        Assert.Null(source.Acquire("v2"));
    }

    [Fact]
    public void Validation_refuses_an_unsafe_version_and_two_overlapping_experiments_that_both_pin_one()
    {
        var unsafeVersion = Experiment("../v2");
        var first = Experiment("v2");
        var second = Experiment("v3");
        second.Id = "second";

        var problems = ExperimentOptionsValidation.Problems(new ExperimentOptions { Definitions = [unsafeVersion] }).ToList();
        Assert.Contains(problems, p => p.StartsWith("Longview:Experiments:Definitions:0:Variants:1:ModelVersion: '../v2' is not a model version folder name", StringComparison.Ordinal));
        Assert.Contains(ExperimentOptionsValidation.Problems(new ExperimentOptions { Definitions = [first, second] }),
            p => p.Contains("overlap in time and both pin a model version", StringComparison.Ordinal));
        Assert.Empty(ExperimentOptionsValidation.Problems(new ExperimentOptions { Definitions = [first] }));
    }

    /// <summary>A model store holding a serving version and one more loaded for an experiment.</summary>
    private sealed class TwoVersions(HashModel current, HashModel other) : IModelSource
    {
        public ModelDescription? Current => current.Current;

        public IModelLease? Acquire() => current.Acquire();

        public IModelLease? Acquire(string version) =>
            version == current.Version ? current.Acquire() : version == other.Version ? other.Acquire() : null;
    }
}
