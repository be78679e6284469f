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

    /// <summary>That every declared function is in the generated metadata is FunctionRoutesTests' job; this checks the executor was generated at all.</summary>
    [Fact]
    public void The_generator_wrote_the_direct_function_executor_into_the_app() =>
        Assert.NotNull(App.GetType("Longview.Functions.DirectFunctionExecutor"));
}
