using Longview.Core.Workflows;
using Microsoft.DurableTask;

namespace Longview.Functions.Training;

/// <summary>
/// Core's workflow port over Durable Functions: replay-safe time, activities, durable timers and GUIDs. A step's
/// <see cref="StepRetry"/> becomes the activity call's <see cref="RetryPolicy"/>, so every attempt is in the history.
/// </summary>
public sealed class DurableWorkflowContext(TaskOrchestrationContext context) : IWorkflowContext
{
    public DateTimeOffset UtcNow => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    public Task<TOutput> CallAsync<TInput, TOutput>(string step, TInput input, StepRetry? retry = null) =>
        context.CallActivityAsync<TOutput>(step, input, retry is null ? null : Options(retry));

    public Task WaitUntilAsync(DateTimeOffset time) => context.CreateTimer(time.UtcDateTime, CancellationToken.None);

    public Guid NewGuid() => context.NewGuid();

    /// <summary>The Durable retry policy for <paramref name="retry"/> (public for the tests that check the mapping).</summary>
    public static TaskOptions Options(StepRetry retry) =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(retry.MaxAttempts, retry.FirstDelay, retry.BackoffCoefficient, retry.MaxDelay));
}
