using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Longview.Core.Training.Jobs;
using Longview.Infrastructure.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Training;

public sealed class ContainerAppsJobRunnerTests
{
    private const string JobPath = "/subscriptions/sub-1/resourceGroups/rg-longview/providers/Microsoft.App/jobs/lv-train";

    private static readonly TrainingJobRequest Request = new(
        "20261124T030000Z-abcd1234",
        new BlobLocation("training", "20261124T030000Z-abcd1234/snapshot.ndjson.gz"),
        new BlobLocation("training", "20261124T030000Z-abcd1234/output/"),
        ["--max-epochs", "40"],
        new Dictionary<string, string> { ["AZURE_CLIENT_ID"] = "client-7" });

    private static (ContainerAppsJobRunner Runner, FakeArm Arm) Create()
    {
        var arm = new FakeArm();
        var options = Options.Create(new ContainerAppsJobOptions
        {
            SubscriptionId = "sub-1",
            ResourceGroup = "rg-longview",
            JobName = "lv-train",
            ContainerName = "trainer",
            Image = "acr.example/longview-training:1",
            ArmBaseUrl = new Uri("https://arm.fake.test/"),
            BlobEndpoint = new Uri("https://acct.blob.core.windows.net/"),
            RetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(5),
        });
        var pipeline = ArmPipeline.Create(new FixedToken("token-123"), options.Value, new HttpClientTransport(arm));
        return (new ContainerAppsJobRunner(pipeline, options, NullLogger<ContainerAppsJobRunner>.Instance), arm);
    }

    [Fact]
    public async Task Start_posts_the_execution_overrides_with_a_bearer_token_and_answers_the_execution_name()
    {
        var (runner, arm) = Create();
        arm.Answer = (HttpStatusCode.Accepted, """{"id":"/subscriptions/sub-1/.../executions/lv-train-x1y2","name":"lv-train-x1y2"}""");

        var executionId = await runner.StartAsync(Request, CancellationToken.None);

        Assert.Equal("lv-train-x1y2", executionId);
        var request = Assert.Single(arm.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(JobPath + "/start", request.Uri.AbsolutePath);
        Assert.Equal("?api-version=2024-03-01", request.Uri.Query);
        Assert.Equal("Bearer token-123", request.Authorization);
        using var body = JsonDocument.Parse(request.Body!);
        var container = Assert.Single(body.RootElement.GetProperty("containers").EnumerateArray());
        Assert.Equal("trainer", container.GetProperty("name").GetString());
        Assert.Equal("acr.example/longview-training:1", container.GetProperty("image").GetString());
        Assert.Equal(
            ["train", "--snapshot", "https://acct.blob.core.windows.net/training/20261124T030000Z-abcd1234/snapshot.ndjson.gz",
             "--out", "https://acct.blob.core.windows.net/training/20261124T030000Z-abcd1234/output/", "--device", "cuda", "--max-epochs", "40"],
            container.GetProperty("args").EnumerateArray().Select(a => a.GetString()));
        var env = container.GetProperty("env").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("value").GetString());
        Assert.Equal("https://acct.blob.core.windows.net/training/20261124T030000Z-abcd1234/snapshot.ndjson.gz", env["LONGVIEW_SNAPSHOT_URL"]);
        Assert.Equal("https://acct.blob.core.windows.net/training/20261124T030000Z-abcd1234/output/", env["LONGVIEW_OUTPUT_URL"]);
        Assert.Equal("client-7", env["AZURE_CLIENT_ID"]);
    }

    [Fact]
    public async Task A_refused_start_throws_with_the_status_and_the_arm_error()
    {
        var (runner, arm) = Create();
        arm.Answer = (HttpStatusCode.Forbidden, """{"error":{"code":"AuthorizationFailed"}}""");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.StartAsync(Request, CancellationToken.None));

        Assert.Contains("HTTP 403", error.Message);
        Assert.Contains("AuthorizationFailed", error.Message);
    }

    [Theory]
    [InlineData("Running", TrainingJobState.Running)]
    [InlineData("Processing", TrainingJobState.Running)]
    [InlineData("Succeeded", TrainingJobState.Succeeded)]
    [InlineData("Failed", TrainingJobState.Failed)]
    [InlineData("Stopped", TrainingJobState.Failed)]
    [InlineData("Degraded", TrainingJobState.Failed)]
    public async Task Status_reads_the_execution_resource(string armStatus, TrainingJobState expected)
    {
        var (runner, arm) = Create();
        arm.Answer = (HttpStatusCode.OK, $$$"""{"name":"lv-train-x1y2","properties":{"status":"{{{armStatus}}}","startTime":"2026-11-24T03:00:00Z"}}""");

        var status = await runner.GetStatusAsync("lv-train-x1y2", CancellationToken.None);

        Assert.Equal(expected, status.State);
        var request = Assert.Single(arm.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(JobPath + "/executions/lv-train-x1y2", request.Uri.AbsolutePath);
        Assert.Equal("?api-version=2024-03-01", request.Uri.Query);
        Assert.Equal("Bearer token-123", request.Authorization);
    }

    [Fact]
    public async Task An_unknown_execution_is_a_failed_job_but_a_throttled_poll_is_an_error_to_retry()
    {
        var (runner, arm) = Create();
        arm.Answer = (HttpStatusCode.NotFound, "{}");
        Assert.Equal(TrainingJobState.Failed, (await runner.GetStatusAsync("gone", CancellationToken.None)).State);

        arm.Answer = (HttpStatusCode.TooManyRequests, "{}");
        await Assert.ThrowsAsync<HttpRequestException>(() => runner.GetStatusAsync("lv-train-x1y2", CancellationToken.None));
    }

    [Fact]
    public async Task A_throttled_start_is_sent_again_after_the_retry_after_and_succeeds()
    {
        var (runner, arm) = Create();
        arm.Script.Enqueue((HttpStatusCode.TooManyRequests, """{"error":{"code":"TooManyRequests"}}""", "1"));
        arm.Answer = (HttpStatusCode.Accepted, """{"name":"lv-train-x1y2"}""");

        var executionId = await runner.StartAsync(Request, CancellationToken.None);

        Assert.Equal("lv-train-x1y2", executionId);
        Assert.Equal(2, arm.Requests.Count);
        Assert.All(arm.Requests, r => Assert.Equal(JobPath + "/start", r.Uri.AbsolutePath));
        Assert.Equal(arm.Requests[0].Body, arm.Requests[1].Body);
    }

    [Fact]
    public async Task A_start_that_may_have_reached_arm_is_not_sent_twice()
    {
        var (runner, arm) = Create();
        arm.Answer = (HttpStatusCode.GatewayTimeout, """{"error":{"code":"GatewayTimeout"}}""");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.StartAsync(Request, CancellationToken.None));

        Assert.Contains("HTTP 504", error.Message);
        Assert.Single(arm.Requests);
    }

    [Fact]
    public async Task A_status_read_is_retried_through_transient_errors()
    {
        var (runner, arm) = Create();
        arm.Script.Enqueue((HttpStatusCode.ServiceUnavailable, "{}", "0"));
        arm.Script.Enqueue((HttpStatusCode.InternalServerError, "{}", null));
        arm.Answer = (HttpStatusCode.OK, """{"properties":{"status":"Succeeded"}}""");

        var status = await runner.GetStatusAsync("lv-train-x1y2", CancellationToken.None);

        Assert.Equal(TrainingJobState.Succeeded, status.State);
        Assert.Equal(3, arm.Requests.Count);
    }

    [Fact]
    public async Task Find_answers_the_execution_tagged_with_the_run_across_pages_and_null_for_another_run()
    {
        var (runner, arm) = Create();
        static string Execution(string name, string runId) =>
            """{"name":""" + $"\"{name}\"" + ""","properties":{"status":"Running","template":{"containers":[{"name":"trainer","env":[{"name":"LONGVIEW_RUN_ID","value":""" + $"\"{runId}\"" + """}]}]}}}""";
        arm.Script.Enqueue((HttpStatusCode.OK, $$"""{"value":[{{Execution("lv-train-old", "20261123T030000Z-00000000")}}],"nextLink":"https://arm.fake.test{{JobPath}}/executions?api-version=2024-03-01&page=2"}""", null));
        arm.Script.Enqueue((HttpStatusCode.OK, $$"""{"value":[{{Execution("lv-train-x1y2", Request.RunId)}}]}""", null));

        Assert.Equal("lv-train-x1y2", await runner.FindAsync(Request.RunId, CancellationToken.None));
        Assert.Equal(2, arm.Requests.Count);
        Assert.All(arm.Requests, r => Assert.Equal(JobPath + "/executions", r.Uri.AbsolutePath));

        arm.Answer = (HttpStatusCode.OK, $$"""{"value":[{{Execution("lv-train-old", "20261123T030000Z-00000000")}}]}""");
        Assert.Null(await runner.FindAsync(Request.RunId, CancellationToken.None));
    }

    [Fact]
    public async Task Stop_posts_to_the_execution()
    {
        var (runner, arm) = Create();
        arm.Answer = (HttpStatusCode.Accepted, "{}");

        await runner.StopAsync("lv-train-x1y2", CancellationToken.None);

        var request = Assert.Single(arm.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(JobPath + "/executions/lv-train-x1y2/stop", request.Uri.AbsolutePath);
    }

    private sealed record SeenRequest(HttpMethod Method, Uri Uri, string? Authorization, string? Body);

    /// <summary>Records every request as ARM would receive it and answers what the test set.</summary>
    private sealed class FakeArm : HttpMessageHandler
    {
        public List<SeenRequest> Requests { get; } = [];

        public (HttpStatusCode Status, string Body) Answer { get; set; } = (HttpStatusCode.OK, "{}");

        /// <summary>Answers given first, one per request, with an optional Retry-After (seconds); then <see cref="Answer"/>.</summary>
        public Queue<(HttpStatusCode Status, string Body, string? RetryAfter)> Script { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(new SeenRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
            var (status, text, retryAfter) = Script.TryDequeue(out var scripted) ? scripted : (Answer.Status, Answer.Body, null);
            var response = new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
            if (retryAfter is not null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
            }
            return response;
        }
    }

    private sealed class FixedToken(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            requestContext.Scopes.SequenceEqual(["https://management.azure.com/.default"])
                ? new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1))
                : throw new InvalidOperationException($"unexpected scopes {string.Join(",", requestContext.Scopes)}");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
