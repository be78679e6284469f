using Longview.Core.Training.Jobs;

namespace Longview.Core.Tests.Training;

/// <summary>
/// A runner whose executions follow a script: a list of statuses answered one per poll (the last one repeats), and
/// optionally files it "writes" into the output folder when it starts (what a real job leaves behind).
/// </summary>
internal sealed class ScriptedJobRunner(MemoryBlobStore blobs) : ITrainingJobRunner
{
    private int _poll;

    public List<TrainingJobStatus> Statuses { get; } = [new(TrainingJobState.Succeeded)];

    public Dictionary<string, byte[]> OutputFiles { get; } = new(StringComparer.Ordinal);

    public List<TrainingJobRequest> Started { get; } = [];

    public List<string> Stopped { get; } = [];

    public int Polls => _poll;

    /// <summary>Like a real runner: the execution started for the run, if any.</summary>
    public Task<string?> FindAsync(string runId, CancellationToken cancellationToken)
    {
        var index = Started.FindIndex(r => r.RunId == runId);
        return Task.FromResult(index < 0 ? null : $"exec-{index + 1}");
    }

    public Task<string> StartAsync(TrainingJobRequest request, CancellationToken cancellationToken)
    {
        Started.Add(request);
        foreach (var (file, content) in OutputFiles)
        {
            blobs.Write(request.Output.Container, request.Output.Name + file, content);
        }
        return Task.FromResult($"exec-{Started.Count}");
    }

    public Task<TrainingJobStatus> GetStatusAsync(string executionId, CancellationToken cancellationToken)
    {
        var index = Math.Min(_poll++, Statuses.Count - 1);
        return Task.FromResult(Statuses[index]);
    }

    public Task StopAsync(string executionId, CancellationToken cancellationToken)
    {
        Stopped.Add(executionId);
        return Task.CompletedTask;
    }
}
