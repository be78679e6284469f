using Longview.Core.Retention.Jobs;
using Longview.Core.Workflows;

namespace Longview.Local.Retention;

/// <summary>
/// POST /api/retention/runs on the self-hosted app: the retention workflow for a range, run in-process in the
/// background (the Functions app starts the same workflow as a Durable orchestration). A failed run is logged; re-running
/// a day overwrites its reports, so a repeated request is harmless.
/// </summary>
internal sealed partial class BackgroundRetentionRuns(
    IEnumerable<IWorkflowStep> steps, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<BackgroundRetentionRuns> logger)
{
    public Task<string> StartAsync(RetentionRunRange range, CancellationToken cancellationToken)
    {
        var instanceId = range.InstanceId(Guid.NewGuid());
        var stopping = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                await RetentionWorkflow.RunAsync(new InProcessWorkflowContext(steps, time, stopping), range);
                LogRan(instanceId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e, instanceId);
            }
        }, CancellationToken.None);
        return Task.FromResult(instanceId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention run {InstanceId} done")]
    private partial void LogRan(string instanceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention run {InstanceId} failed; request it again to retry")]
    private partial void LogFailed(Exception exception, string instanceId);
}
