using Longview.Core.Workflows;
using Longview.Functions.Training;

namespace Longview.Functions.Tests.Durable;

public sealed class DurableWorkflowContextTests
{
    [Fact]
    public void A_step_retry_becomes_the_activity_calls_durable_retry_policy()
    {
        var retry = new StepRetry { MaxAttempts = 4, FirstDelay = TimeSpan.FromSeconds(3), BackoffCoefficient = 1.5, MaxDelay = TimeSpan.FromSeconds(40) };

        var policy = DurableWorkflowContext.Options(retry).Retry?.Policy;

        Assert.NotNull(policy);
        Assert.Equal(4, policy.MaxNumberOfAttempts);
        Assert.Equal(TimeSpan.FromSeconds(3), policy.FirstRetryInterval);
        Assert.Equal(1.5, policy.BackoffCoefficient);
        Assert.Equal(TimeSpan.FromSeconds(40), policy.MaxRetryInterval);
    }
}
