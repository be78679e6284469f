namespace Longview.Core.Workflows;

/// <summary>
/// What workflow code may do. Workflows are written once as plain async code against this port and must stay
/// deterministic: time only from <see cref="UtcNow"/>, identifiers only from <see cref="NewGuid"/>, settings only from
/// the workflow's input, every side effect inside a step, and no <c>ConfigureAwait(false)</c> (a Durable orchestrator
/// must resume on its own single-threaded scheduler, or its replay never completes). The Durable orchestrator adapts
/// <c>TaskOrchestrationContext</c> to it (replay-safe), the self-hosted mode runs it in-process
/// (<see cref="InProcessWorkflowContext"/>).
/// </summary>
public interface IWorkflowContext
{
    /// <summary>The current UTC time as the workflow runtime sees it (replay-safe).</summary>
    DateTimeOffset UtcNow { get; }

    /// <summary>
    /// Runs the named step (activity) with <paramref name="input"/> and returns its output. With
    /// <paramref name="retry"/>, a failed run of the step is retried by that policy before the failure reaches the
    /// caller (pass it only for steps that are idempotent).
    /// </summary>
    Task<TOutput> CallAsync<TInput, TOutput>(string step, TInput input, StepRetry? retry = null);

    /// <summary>Waits until <paramref name="time"/> (a durable timer).</summary>
    Task WaitUntilAsync(DateTimeOffset time);

    /// <summary>A new identifier that stays the same when the workflow is replayed.</summary>
    Guid NewGuid();
}
