using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Longview.Functions.Tests.Http;

/// <summary>
/// A test double of the Durable client the HTTP functions are given: it records the orchestrations they schedule.
/// The orchestrations themselves are tested on the Durable in-process test host (tests/Durable); here only the
/// HTTP answer and what was started matter.
/// </summary>
public sealed class RecordingDurableTaskClient() : DurableTaskClient("recording")
{
    public ConcurrentQueue<(string Name, object? Input, string? InstanceId)> Scheduled { get; } = new();

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        Scheduled.Enqueue((orchestratorName.Name, input, instanceId));
        return Task.FromResult(instanceId);
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) => throw Unused();

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw Unused();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw Unused();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw Unused();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw Unused();

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw Unused();

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw Unused();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static NotSupportedException Unused() => new("the HTTP functions only schedule orchestrations");
}
