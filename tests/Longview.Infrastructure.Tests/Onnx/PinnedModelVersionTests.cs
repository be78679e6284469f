using Longview.Core.Experiments;
using Longview.Infrastructure.Onnx;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Onnx;

/// <summary>
/// The real provider leases a version an experiment variant names (loaded from its folder beside the promoted one);
/// a named version that is not in the store is not leased, so serving falls back to the promoted model.
/// </summary>
public sealed class PinnedModelVersionTests(TinyModels models) : IClassFixture<TinyModels>
{
    [TorchFact]
    public async Task A_version_named_by_a_running_experiment_is_loaded_beside_the_promoted_one()
    {
        var store = new InMemoryBlobStore();
        await models.UploadAsync(store, "v1");
        await models.UploadAsync(store, "v2");
        await TinyModels.PromoteAsync(store, "v1");
        var experiment = new ExperimentDefinition
        {
            Id = "challenger",
            Start = DateTimeOffset.UtcNow.AddDays(-1),
            End = DateTimeOffset.UtcNow.AddDays(7),
            Variants = [new() { Name = "control", Share = 0.4 }, new() { Name = "v2", Share = 0.3, ModelVersion = "v2" }, new() { Name = "v3", Share = 0.3, ModelVersion = "v3" }],
        };
        using var provider = new OnnxModelProvider(store, TimeProvider.System, Options.Create(new OnnxModelOptions()), NullLogger<OnnxModelProvider>.Instance,
            Options.Create(new ExperimentOptions { Definitions = [experiment] }));

        await provider.RefreshAsync(default);

        using (var promoted = provider.Acquire())
        using (var pinned = provider.Acquire("v2"))
        using (var same = provider.Acquire("v1"))
        {
            Assert.Equal("v1", promoted!.Version);
            Assert.Equal("v2", pinned!.Version);
            Assert.Equal("v1", same!.Version);
            Assert.Equal("v1", provider.Current!.Version);
        }
        Assert.Null(provider.Acquire("v3"));

        // Once v3 is in the store, the next check loads it.
        await models.UploadAsync(store, "v2", @as: "v3");
        await provider.RefreshAsync(default);
        using var late = provider.Acquire("v3");
        Assert.Equal("v3", late!.Version);
    }
}
