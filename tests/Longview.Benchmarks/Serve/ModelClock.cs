using Longview.Core.Ports;
using Longview.Core.Serving.Models;
using Longview.Infrastructure.Onnx;
using Longview.Local.Hosting;
using Longview.Local.Serving;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Benchmarks.Serve;

/// <summary>
/// The model's CPU per call, timed again at the edges of every HTTP row: a short loop of
/// <see cref="IModelLease.Score"/> over every user's own history (the sequences of (a)'s last row) on this process's
/// thread, between rows, while no request is in flight. The ratio divides a row's server CPU per request by the
/// model's CPU per call; timed only in (a), minutes before the rows, it moved with the VM's speed: one run had the
/// model at 0.085 ms in (a) while the in-process stages a minute later found it at 0.164 ms (issue 18, ninth pass).
/// Each row is judged against the mean of the two probes around it.
/// </summary>
internal sealed class ModelClock : IAsyncDisposable
{
    private const int CallsPerProbe = 400;
    private const int WarmUpCalls = 500;

    private readonly ServiceProvider _services;
    private readonly IModelLease _lease;
    private readonly List<int[]> _sequences;
    private readonly float[] _scores;
    private readonly string _folder;
    private int _next;

    private ModelClock(ServiceProvider services, IModelLease lease, List<int[]> sequences, string folder)
    {
        _services = services;
        _lease = lease;
        _sequences = sequences;
        _scores = new float[lease.ItemCount + 1];
        _folder = folder;
    }

    /// <param name="histories">Each user's items as vocabulary indices, oldest first.</param>
    /// <param name="maxLength">The manifest's <c>maxLength</c>: sequences are cut to their newest this many items, as in (a).</param>
    public static async Task<ModelClock?> StartAsync(string modelFolder, int maxLength, Func<IModelLease, List<int[]>> histories)
    {
        // Its own blob folder and model provider: the servers' data folder is copied and replaced between runs.
        var folder = Path.Combine(Path.GetTempPath(), "longview-bench", "model-clock-" + Guid.NewGuid().ToString("n"));
        var services = new ServiceCollection().AddLogging().AddLongviewLocal(folder).AddOnnxServing().BuildServiceProvider();
        await ModelFolderInstaller.InstallAsync(services.GetRequiredService<IBlobStore>(), modelFolder, DateTimeOffset.UtcNow, CancellationToken.None);
        var provider = services.GetRequiredService<OnnxModelProvider>();
        if (await provider.RefreshAsync(CancellationToken.None) != ModelRefreshOutcome.Loaded || provider.Acquire() is not { } lease)
        {
            await services.DisposeAsync();
            Directory.Delete(folder, recursive: true);
            return null;
        }
        var clock = new ModelClock(services, lease, ModelBenchmark.OwnHistories(histories(lease), maxLength), folder);
        for (var i = 0; i < WarmUpCalls; i++)
        {
            clock.Score();
        }
        return clock;
    }

    /// <summary>The model's CPU per call in ms over <see cref="CallsPerProbe"/> calls on the calling thread.</summary>
    public double CpuMsPerCall()
    {
        var cpu = ThreadCpuClock.Nanoseconds();
        for (var i = 0; i < CallsPerProbe; i++)
        {
            Score();
        }
        return (ThreadCpuClock.Nanoseconds() - cpu) / 1e6 / CallsPerProbe;
    }

    private void Score() => _lease.Score(_sequences[_next++ % _sequences.Count], _scores);

    public async ValueTask DisposeAsync()
    {
        _lease.Dispose();
        await _services.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
