using System.Diagnostics;
using Longview.Core.Ports;
using Longview.Core.Training.Jobs;
using Microsoft.Extensions.Logging;

namespace Longview.Infrastructure.Training;

/// <summary>One child process of <see cref="LocalProcessJobRunner"/>: its log, its deadline, and the upload of its output.</summary>
internal sealed class LocalJobExecution(
    string executionId, TrainingJobRequest request, string folder, string outputFolder, IBlobStore blobs, LocalProcessJobOptions settings, ILogger logger)
    : IDisposable
{
    private const int TailLines = 20;

    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Queue<string> _tail = new();
    private TrainingJobStatus _status = new(TrainingJobState.Running, "starting");
    private string? _stopReason;
    private StreamWriter? _log;
    private long _logBytes;
    private Task? _completion;

    public TrainingJobStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    public string LogPath => Path.Combine(folder, "job.log");

    /// <summary>The pipeline run this execution was started for.</summary>
    public string RunId => request.RunId;

    public void Start(ProcessStartInfo start)
    {
        _log = new StreamWriter(LogPath, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data, error: false);
        process.ErrorDataReceived += (_, e) => Append(e.Data, error: true);
        try
        {
            process.Start();
        }
        catch (Exception ex)
        {
            process.Dispose();
            Set(new TrainingJobStatus(TrainingJobState.Failed, $"could not start {start.FileName}: {ex.Message}"));
            return;
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Set(new TrainingJobStatus(TrainingJobState.Running, $"pid {process.Id}"));
        _completion = Task.Run(() => SuperviseAsync(process));
    }

    public void Stop(string reason)
    {
        lock (_gate)
        {
            _stopReason ??= reason;
        }
        _stop.Cancel();
    }

    private async Task SuperviseAsync(Process process)
    {
        using (process)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            deadline.CancelAfter(settings.Timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                string reason;
                lock (_gate)
                {
                    reason = _stopReason ?? $"killed after the {settings.Timeout} timeout";
                }
                Kill(process);
                await FinishAsync(new TrainingJobStatus(TrainingJobState.Failed, reason));
                return;
            }
            // The exit event can come before the last redirected lines: wait for the streams to drain.
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                await FinishAsync(new TrainingJobStatus(TrainingJobState.Failed, $"exit code {process.ExitCode}: {TailText()}"));
                return;
            }
        }
        try
        {
            var uploaded = 0;
            foreach (var file in Directory.EnumerateFiles(outputFolder).Order(StringComparer.Ordinal))
            {
                await using var stream = File.OpenRead(file);
                await blobs.UploadAsync(request.Output.Container, request.Output.Name + Path.GetFileName(file), stream, _stop.Token).ConfigureAwait(false);
                uploaded++;
            }
            await FinishAsync(new TrainingJobStatus(TrainingJobState.Succeeded, $"{uploaded} files uploaded to {request.Output}"));
        }
        catch (Exception ex)
        {
            await FinishAsync(new TrainingJobStatus(TrainingJobState.Failed, $"the job succeeded but its output could not be uploaded: {ex.Message}"));
        }
    }

    private async Task FinishAsync(TrainingJobStatus status)
    {
        lock (_gate)
        {
            _log?.Dispose();
            _log = null;
        }
        // The log goes beside the output so the run's folder explains a failure without this machine.
        try
        {
            await using var log = File.OpenRead(LogPath);
            await blobs.UploadAsync(request.Output.Container, request.Output.Name + "job.log", log).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Could not upload the log of training job {ExecutionId}", executionId);
        }
        // Set last: "ended" means every file, the log included, is where the pipeline will look.
        Set(status);
        logger.LogInformation("Training job {ExecutionId} ended {State}: {Detail}", executionId, status.State, status.Detail);
    }

    private void Set(TrainingJobStatus status)
    {
        lock (_gate)
        {
            _status = status;
        }
    }

    private void Append(string? line, bool error)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            if (error)
            {
                _tail.Enqueue(line);
                if (_tail.Count > TailLines)
                {
                    _tail.Dequeue();
                }
            }
            if (_log is null || _logBytes > settings.MaxLogBytes)
            {
                return;
            }
            _logBytes += line.Length + 1;
            _log.WriteLine(_logBytes > settings.MaxLogBytes ? $"[log truncated at {settings.MaxLogBytes} bytes]" : line);
        }
    }

    private string TailText()
    {
        lock (_gate)
        {
            return _tail.Count == 0 ? "no error output" : string.Join(" | ", _tail.TakeLast(5));
        }
    }

    private void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            logger.LogWarning(ex, "Could not kill training job {ExecutionId}", executionId);
        }
    }

    public void Dispose()
    {
        try
        {
            _completion?.Wait(TimeSpan.FromSeconds(15));
        }
        catch (AggregateException)
        {
            // Already reported through the status.
        }
        _stop.Dispose();
    }
}
