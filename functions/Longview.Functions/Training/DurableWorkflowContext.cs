using Longview.Core.Workflows;
using Microsoft.DurableTask;

namespace Longview.Functions.Training;

/// <summary>Core's workflow port over Durable Functions: replay-safe time, activities, durable timers and GUIDs.</summary>
public sealed class DurableWorkflowContext(TaskOrchestrationContext context) : IWorkflowContext
{
    public DateTimeOffset UtcNow => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    public Task<TOutput> CallAsync<TInput, TOutput>(string step, TInput input) => context.CallActivityAsync<TOutput>(step, input);

    public Task WaitUntilAsync(DateTimeOffset time) => context.CreateTimer(time.UtcDateTime, CancellationToken.None);

    public Guid NewGuid() => context.NewGuid();
}
