using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Longview.Core.Ports;
using Longview.Core.Training.Jobs;

namespace Longview.Functions.Tests.Durable;

/// <summary>
/// The GPU job as the pipeline sees it through <see cref="ITrainingJobRunner"/>: a start leaves the candidate's files in
/// the output folder (what the real job uploads) and answers an execution id; faults are scripted.
/// </summary>
public sealed class FakeJobRunner(IBlobStore blobs) : ITrainingJobRunner
{
    private readonly ConcurrentDictionary<string, string> _byRun = new(StringComparer.Ordinal);
    private int _failStarts;
    private int _loseStartAnswers;

    public ConcurrentQueue<TrainingJobRequest> Started { get; } = new();

    public ConcurrentQueue<string> Stopped { get; } = new();

    public int StartAttempts;

    public TrainingJobState State { get; set; } = TrainingJobState.Succeeded;

    public string CandidateVersion { get; set; } = "v2";

    public double CandidateNdcg { get; set; } = 0.30;

    /// <summary>The next <paramref name="times"/> starts fail before anything starts (ARM refused).</summary>
    public void FailStarts(int times) => _failStarts = times;

    /// <summary>The next <paramref name="times"/> starts start the job, then fail (the answer lost to a crash or timeout).</summary>
    public void LoseStartAnswers(int times) => _loseStartAnswers = times;

    public Task<string?> FindAsync(string runId, CancellationToken cancellationToken) =>
        Task.FromResult(_byRun.TryGetValue(runId, out var execution) ? execution : null);

    public async Task<string> StartAsync(TrainingJobRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref StartAttempts);
        if (Interlocked.Decrement(ref _failStarts) >= 0)
        {
            throw new InvalidOperationException("starting Container Apps job lv-train failed: HTTP 403 AuthorizationFailed");
        }
        var execution = $"lv-train-{Started.Count + 1}";
        Started.Enqueue(request);
        _byRun[request.RunId] = execution;
        await WriteAsync(request.Output, "metrics.json", MetricsJson(CandidateVersion, CandidateNdcg), cancellationToken);
        await WriteAsync(request.Output, "manifest.json", Encoding.UTF8.GetBytes($$"""{"version":"{{CandidateVersion}}","maxLength":5,"items":[null,"a","b"]}"""), cancellationToken);
        await WriteAsync(request.Output, "model.onnx", Encoding.UTF8.GetBytes("model " + CandidateVersion), cancellationToken);
        if (Interlocked.Decrement(ref _loseStartAnswers) >= 0)
        {
            throw new TimeoutException($"the answer of start (execution {execution}) was lost");
        }
        return execution;
    }

    public Task<TrainingJobStatus> GetStatusAsync(string executionId, CancellationToken cancellationToken) =>
        Task.FromResult(new TrainingJobStatus(State, State.ToString()));

    public Task StopAsync(string executionId, CancellationToken cancellationToken)
    {
        Stopped.Enqueue(executionId);
        return Task.CompletedTask;
    }

    public static byte[] MetricsJson(string version, double ndcg) =>
        JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["version"] = version,
            ["protocol"] = "leave-one-out",
            ["test"] = new Dictionary<string, object> { ["users"] = 3, ["ndcg@10"] = ndcg, ["coverage@10"] = 0.5 },
            ["churn"] = new Dictionary<string, object?> { ["auc"] = 0.7 },
        });

    private Task WriteAsync(BlobLocation folder, string file, byte[] content, CancellationToken cancellationToken) =>
        blobs.PutAsync(folder.Container, folder.Name + file, content, cancellationToken: cancellationToken);
}
