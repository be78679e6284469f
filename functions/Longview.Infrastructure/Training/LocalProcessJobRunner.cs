using System.Collections.Concurrent;
using System.Diagnostics;
using Longview.Core.Ports;
using Longview.Core.Training.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Training;

/// <summary>
/// The self-hosted runner: downloads the snapshot to a work folder, runs <c>python3 -m longview_training train</c> as a
/// child process (timeout, logs captured to <c>job.log</c>, killed on stop or shutdown), then uploads the output files
/// to the request's output folder in the blob store. The execution is "succeeded" only once the upload is done.
/// </summary>
public sealed class LocalProcessJobRunner(IBlobStore blobs, IOptions<LocalProcessJobOptions> options, ILogger<LocalProcessJobRunner> logger)
    : ITrainingJobRunner, IDisposable
{
    private readonly ConcurrentDictionary<string, LocalJobExecution> _executions = new(StringComparer.Ordinal);
    private int _disposed;

    /// <summary>The execution this process started for the run (a restarted process knows none, and starts anew).</summary>
    public Task<string?> FindAsync(string runId, CancellationToken cancellationToken) =>
        Task.FromResult(_executions.Where(e => e.Value.RunId == runId).Select(e => (string?)e.Key).FirstOrDefault());

    public async Task<string> StartAsync(TrainingJobRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (_executions.Count >= settings.MaxTrackedExecutions)
        {
            foreach (var ended in _executions.Where(e => e.Value.Status.State != TrainingJobState.Running).Select(e => e.Key).ToList())
            {
                _executions.TryRemove(ended, out _);
            }
        }
        var executionId = $"{request.RunId}-{Guid.NewGuid().ToString("N")[..8]}";
        var folder = Path.Combine(Path.GetFullPath(settings.WorkFolder), executionId);
        Directory.CreateDirectory(folder);
        var snapshotPath = Path.Combine(folder, "snapshot.ndjson.gz");
        await using (var source = await blobs.OpenReadAsync(request.Snapshot.Container, request.Snapshot.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"snapshot {request.Snapshot} does not exist"))
        await using (var target = File.Create(snapshotPath))
        {
            await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
        }

        var outputFolder = Path.Combine(folder, "output");
        var start = new ProcessStartInfo(settings.PythonExecutable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var argument in (string[])["-m", "longview_training", "train", "--snapshot", snapshotPath, "--out", outputFolder, "--device", settings.Device])
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var argument in request.Arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PYTHONPATH"] = Path.GetFullPath(settings.TrainingSourceFolder);
        start.Environment["PYTHONUNBUFFERED"] = "1";
        foreach (var (key, value) in settings.Environment.Concat(request.Environment))
        {
            start.Environment[key] = value;
        }

        var execution = new LocalJobExecution(executionId, request, folder, outputFolder, blobs, settings, logger);
        _executions[executionId] = execution;
        execution.Start(start);
        logger.LogInformation("Training job {ExecutionId} started for run {RunId} in {Folder}", executionId, request.RunId, folder);
        return executionId;
    }

    public Task<TrainingJobStatus> GetStatusAsync(string executionId, CancellationToken cancellationToken) =>
        Task.FromResult(_executions.TryGetValue(executionId, out var execution)
            ? execution.Status
            : new TrainingJobStatus(TrainingJobState.Failed, $"execution {executionId} is unknown to this process (it may have restarted)"));

    public Task StopAsync(string executionId, CancellationToken cancellationToken)
    {
        if (_executions.TryGetValue(executionId, out var execution))
        {
            execution.Stop("stopped on request");
        }
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // Registered under two service types, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        foreach (var execution in _executions.Values)
        {
            execution.Stop("the host is shutting down");
            execution.Dispose();
        }
    }
}
