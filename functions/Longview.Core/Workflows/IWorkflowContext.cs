namespace Longview.Core.Workflows;

/// <summary>
/// What workflow code may do. Workflows are written once as plain async code against this port and must stay
/// deterministic: time only from <see cref="UtcNow"/>, identifiers only from <see cref="NewGuid"/>, and every side
/// effect inside a step. The Durable orchestrator adapts <c>TaskOrchestrationContext</c> to it (replay-safe), the
/// self-hosted mode runs it in-process (<see cref="InProcessWorkflowContext"/>).
/// </summary>
public interface IWorkflowContext
{
    /// <summary>The current UTC time as the workflow runtime sees it (replay-safe).</summary>
    DateTimeOffset UtcNow { get; }

    /// <summary>Runs the named step (activity) with <paramref name="input"/> and returns its output.</summary>
    Task<TOutput> CallAsync<TInput, TOutput>(string step, TInput input);

    /// <summary>Waits until <paramref name="time"/> (a durable timer).</summary>
    Task WaitUntilAsync(DateTimeOffset time);

    /// <summary>A new identifier that stays the same when the workflow is replayed.</summary>
    Guid NewGuid();
}
