using Longview.Core.Workflows;

namespace Longview.Core.Tests.Training;

public sealed class StepRetryTests
{
    [Fact]
    public void The_defaults_are_usable() => Assert.Null(new StepRetry().Problem("X:StepRetry"));

    [Theory]
    [InlineData(0, 2.0, "MaxAttempts")]
    [InlineData(21, 2.0, "MaxAttempts")]
    [InlineData(3, 0.5, "BackoffCoefficient")]
    [InlineData(3, 11.0, "BackoffCoefficient")]
    public void Values_out_of_bounds_are_refused_naming_the_setting(int maxAttempts, double backoff, string field)
    {
        var problem = new StepRetry { MaxAttempts = maxAttempts, BackoffCoefficient = backoff }.Problem("X:StepRetry");

        Assert.NotNull(problem);
        Assert.StartsWith($"X:StepRetry:{field} must be between", problem);
    }
}
