using Longview.Core.Health;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Folder;
using Longview.Infrastructure.Onnx;
using Longview.Infrastructure.Tests.Onnx;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Ops;

/// <summary>
/// Faults of the promoted model's files, on the real folder blob store (ETags are content hashes): a corrupted serving
/// version is noticed at the next check, restoring its files is enough to recover, deleting the pointer withdraws it,
/// and readiness says degraded with the reason meanwhile.
/// </summary>
public sealed class ModelFaultTests(TinyModels models) : IClassFixture<TinyModels>, IDisposable
{
    private readonly TestFolder _folder = new();
    private FolderBlobStore? _store;
    private OnnxModelProvider? _provider;

    private FolderBlobStore Store => _store ??= new FolderBlobStore(Options.Create(new EmbeddedStoreOptions { DataFolder = _folder.Path }), NullLogger<FolderBlobStore>.Instance);

    private OnnxModelProvider Provider => _provider ??= new OnnxModelProvider(Store, TimeProvider.System, Options.Create(new OnnxModelOptions()), NullLogger<OnnxModelProvider>.Instance);

    [TorchFact]
    public async Task A_serving_model_corrupted_in_place_is_noticed_at_the_next_check_while_its_loaded_copy_serves()
    {
        await models.UploadAsync(Store, "v1");
        await TinyModels.PromoteAsync(Store, "v1");
        Assert.Equal(ModelRefreshOutcome.Loaded, await Provider.RefreshAsync(default));
        Assert.Null(Provider.Health.Fault);

        var good = models.File("v1", "model.onnx");
        await Store.PutAsync("models", "v1/model.onnx", good[..(good.Length / 2)]);

        Assert.Equal(ModelRefreshOutcome.Refused, await Provider.RefreshAsync(default));
        Assert.Contains("v1 no longer loads", Provider.Health.Fault);
        Assert.Contains("model.onnx", Provider.Health.Fault);
        using (var lease = Provider.Acquire()!)
        {
            Assert.Equal("v1", lease.Version);
            var scores = new float[lease.ItemCount + 1];
            lease.Score([1, 2, 3], scores);
            Assert.Contains(scores[1..], s => s != 0);
        }
        var readiness = await new ModelReadinessCheck(Provider, Provider).CheckAsync(default);
        Assert.Equal(Readiness.Degraded, readiness.Readiness);
        Assert.Contains("model.onnx", readiness.Detail);
        Assert.Contains("serving model v1", readiness.Detail);
    }

    [TorchFact]
    public async Task Restoring_the_files_recovers_without_touching_the_pointer()
    {
        await models.UploadAsync(Store, "v1");
        await TinyModels.PromoteAsync(Store, "v1");
        await Provider.RefreshAsync(default);
        var good = models.File("v1", "model.onnx");
        await Store.PutAsync("models", "v1/model.onnx", good[..(good.Length / 2)]);
        await Provider.RefreshAsync(default);
        Assert.NotNull(Provider.Health.Fault);

        await Store.PutAsync("models", "v1/model.onnx", good);

        await Provider.RefreshAsync(default);
        Assert.Null(Provider.Health.Fault);
        Assert.Equal(Readiness.Ready, (await new ModelReadinessCheck(Provider, Provider).CheckAsync(default)).Readiness);
        Assert.Equal("v1", Provider.Current!.Version);
    }

    [TorchFact]
    public async Task A_model_corrupt_at_start_serves_the_fallback_degraded_and_loads_once_its_files_are_restored()
    {
        var good = models.File("v1", "model.onnx");
        await models.UploadAsync(Store, "v1", alter: (name, content) => name == "model.onnx" ? content[..(content.Length / 2)] : content);
        await TinyModels.PromoteAsync(Store, "v1");

        Assert.Equal(ModelRefreshOutcome.Refused, await Provider.RefreshAsync(default));
        Assert.Null(Provider.Current);
        var degraded = await new ModelReadinessCheck(Provider, Provider).CheckAsync(default);
        Assert.Equal(Readiness.Degraded, degraded.Readiness);
        Assert.Contains("promoted model refused", degraded.Detail);
        Assert.Contains("fallback", degraded.Detail);
        Assert.Equal(ModelRefreshOutcome.Unchanged, await Provider.RefreshAsync(default));

        await Store.PutAsync("models", "v1/model.onnx", good);

        Assert.Equal(ModelRefreshOutcome.Loaded, await Provider.RefreshAsync(default));
        Assert.Equal("v1", Provider.Current!.Version);
        Assert.Null(Provider.Health.Fault);
    }

    [TorchFact]
    public async Task Deleting_the_pointer_withdraws_the_serving_model()
    {
        await models.UploadAsync(Store, "v1");
        await TinyModels.PromoteAsync(Store, "v1");
        await Provider.RefreshAsync(default);
        var held = Provider.Acquire()!;

        await Store.DeleteAsync("models", "current.json");

        Assert.Equal(ModelRefreshOutcome.NoModel, await Provider.RefreshAsync(default));
        Assert.Null(Provider.Current);
        Assert.Null(Provider.Acquire());
        Assert.Contains("withdrawn", Provider.Health.Withdrawn);
        // A request that held the model when it was withdrawn finishes on it.
        var scores = new float[held.ItemCount + 1];
        held.Score([1, 2], scores);
        held.Dispose();

        await TinyModels.PromoteAsync(Store, "v1");
        Assert.Equal(ModelRefreshOutcome.Loaded, await Provider.RefreshAsync(default));
        Assert.Null(Provider.Health.Withdrawn);
    }

    public void Dispose()
    {
        _provider?.Dispose();
        _store?.Dispose();
        _folder.Dispose();
    }
}
