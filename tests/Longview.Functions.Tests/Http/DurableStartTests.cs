using System.Net;
using Longview.Core.Retention.Jobs;
using Longview.Core.Training;
using Longview.Core.Training.Runs;
using Longview.Functions.Retention;
using Longview.Functions.Training;

namespace Longview.Functions.Tests.Http;

/// <summary>
/// What the Functions HTTP functions hand to Durable Functions (seen through <see cref="RecordingDurableTaskClient"/>):
/// the answers themselves are asserted by the contract suite, on both hosts.
/// </summary>
public sealed class DurableStartTests
{
    [Fact]
    public async Task Post_training_runs_schedules_the_pipeline_with_the_run_id_as_instance_id()
    {
        await using var functions = FunctionsApi.Start(4_000);

        var response = await functions.PostAsync("/api/training/runs", "", "application/json");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = (string)(await response.JsonAsync())["runId"]!;
        var scheduled = Assert.Single(functions.Durable.Scheduled);
        Assert.Equal(TrainingFunctions.Orchestrator, scheduled.Name);
        Assert.Equal(runId, scheduled.InstanceId);
        Assert.Equal(runId, Assert.IsType<TrainingPipelineInput>(scheduled.Input).Run.RunId);
    }

    [Fact]
    public async Task Post_retention_runs_schedules_the_job_for_the_range()
    {
        await using var functions = FunctionsApi.Start(4_000);

        var response = await functions.PostAsync("/api/retention/runs?from=2025-01-01&to=2025-01-03", "", "application/json");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var scheduled = Assert.Single(functions.Durable.Scheduled);
        Assert.Equal(RetentionFunctions.Orchestrator, scheduled.Name);
        var range = Assert.IsType<RetentionRunRange>(scheduled.Input);
        Assert.Equal(("2025-01-01", "2025-01-03"), (range.From, range.To));
        Assert.Equal((string?)(await response.JsonAsync())["instanceId"], scheduled.InstanceId);
    }

    [Fact]
    public async Task A_refused_request_schedules_nothing()
    {
        await using var functions = FunctionsApi.Start(4_000);

        await functions.PostAsync("/api/training/runs", "", "text/plain");
        await functions.PostAsync("/api/retention/runs?from=2025-01-01", "", "application/json");

        Assert.Empty(functions.Durable.Scheduled);
    }
}
