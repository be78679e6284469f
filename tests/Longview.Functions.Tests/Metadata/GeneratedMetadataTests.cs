using System.Reflection;
using Longview.Functions.Triggers;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Tests.Metadata;

/// <summary>
/// The worker SDK's source generator is what the Functions host reads at start; a function it drops (as it silently did
/// for IngestEvents while AZFW0012 stood) never runs. These tests read the attributes the generator reads.
/// </summary>
public sealed class GeneratedMetadataTests
{
    private static readonly Assembly App = typeof(IngestEvents).Assembly;

    [Fact]
    public void The_event_hub_trigger_is_a_batched_function_without_an_unsupported_retry_attribute()
    {
        var run = typeof(IngestEvents).GetMethod(nameof(IngestEvents.Run))!;
        Assert.Equal(nameof(IngestEvents), run.GetCustomAttribute<FunctionAttribute>()!.Name);
        var trigger = run.GetParameters().Select(p => p.GetCustomAttribute<EventHubTriggerAttribute>()).Single(a => a is not null)!;
        Assert.True(trigger.IsBatched);
        Assert.DoesNotContain(run.GetCustomAttributes(), a => a.GetType().Name.EndsWith("RetryAttribute", StringComparison.Ordinal));
    }

    [Fact]
    public void The_generated_executor_knows_every_function()
    {
        var declared = App.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains(nameof(IngestEvents), declared);
        Assert.NotNull(App.GetType("Longview.Functions.DirectFunctionExecutor"));
    }
}
