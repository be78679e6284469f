using System.Diagnostics;
using Longview.Core.Telemetry;

namespace Longview.Core.Workflows;

/// <summary>
/// Runs a workflow step inside a <c>longview.step</c> span named by the step, so a trace shows where a training or
/// retention run spent its time and which step failed (error status with the exception's type; never its message,
/// which may name a user).
/// </summary>
public static class StepSpans
{
    public const string SpanName = "longview.step";

    public static async Task<TOutput> RunAsync<TInput, TOutput>(IWorkflowStep<TInput, TOutput> step, TInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        using var activity = LongviewTelemetry.ActivitySource.StartActivity(SpanName);
        activity?.SetTag(TelemetryTags.Step, step.Name);
        try
        {
            return await step.RunAsync(input, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }
}
