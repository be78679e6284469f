using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Longview.Core.Training.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Training;

/// <summary>
/// Runs the training job as a Container Apps job execution through the ARM REST API (the management SDK is not on the
/// feed): <c>POST .../jobs/{job}/start</c> with a template that overrides the container's args and env for this
/// execution (<c>LONGVIEW_RUN_ID</c> tags it with the run), <c>GET .../jobs/{job}/executions/{name}</c> for its status,
/// and <c>GET .../jobs/{job}/executions</c> to find the execution a run already started. Every call goes through
/// <see cref="ArmPipeline"/> (token, retries honouring Retry-After); a start is retried only on 429 and 503, the
/// answers that say ARM did not act, so a retry cannot start a second execution.
/// </summary>
public sealed class ContainerAppsJobRunner(HttpPipeline pipeline, IOptions<ContainerAppsJobOptions> options, ILogger<ContainerAppsJobRunner> logger)
    : ITrainingJobRunner
{
    public const string RunIdVariable = "LONGVIEW_RUN_ID";

    private static readonly ResponseClassifier StartClassifier = new NotActedOnClassifier();

    public async Task<string?> FindAsync(string runId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        Uri? page = Address(settings, "executions");
        for (var pages = 0; page is not null && pages < settings.MaxExecutionPages; pages++)
        {
            var (status, text) = await SendAsync(RequestMethod.Get, page, null, null, settings, cancellationToken).ConfigureAwait(false);
            if (status is < 200 or >= 300)
            {
                throw new InvalidOperationException($"listing executions of Container Apps job {settings.JobName} failed: HTTP {status} {Snippet(text)}");
            }
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
            {
                foreach (var execution in value.EnumerateArray())
                {
                    if (TaggedWith(execution, runId) && execution.TryGetProperty("name", out var name) && name.GetString() is { Length: > 0 } found)
                    {
                        logger.LogInformation("Container Apps job {Job} execution {Execution} was already started for run {RunId}", settings.JobName, found, runId);
                        return found;
                    }
                }
            }
            page = json.RootElement.TryGetProperty("nextLink", out var next) && next.ValueKind == JsonValueKind.String
                && Uri.TryCreate(next.GetString(), UriKind.Absolute, out var nextUri) && nextUri.Host == settings.ArmBaseUrl.Host
                ? nextUri
                : null;
        }
        return null;
    }

    public async Task<string> StartAsync(TrainingJobRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var snapshotUrl = BlobUrl(settings, request.Snapshot);
        var outputUrl = BlobUrl(settings, request.Output);
        var args = new JsonArray("train", "--snapshot", snapshotUrl, "--out", outputUrl, "--device", settings.Device);
        foreach (var argument in request.Arguments)
        {
            args.Add(argument);
        }
        var env = new JsonArray(
            new JsonObject { ["name"] = "LONGVIEW_SNAPSHOT_URL", ["value"] = snapshotUrl },
            new JsonObject { ["name"] = "LONGVIEW_OUTPUT_URL", ["value"] = outputUrl },
            new JsonObject { ["name"] = RunIdVariable, ["value"] = request.RunId });
        foreach (var (key, value) in request.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            env.Add(new JsonObject { ["name"] = key, ["value"] = value });
        }
        var body = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = settings.ContainerName,
                ["image"] = settings.Image,
                ["args"] = args,
                ["env"] = env,
            }),
        };

        var (status, text) = await SendAsync(RequestMethod.Post, Address(settings, "start"), JsonSerializer.SerializeToUtf8Bytes(body), StartClassifier, settings, cancellationToken)
            .ConfigureAwait(false);
        if (status is < 200 or >= 300)
        {
            throw new InvalidOperationException($"starting Container Apps job {settings.JobName} failed: HTTP {status} {Snippet(text)}");
        }
        string? name = null;
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
            {
                name = n.GetString();
            }
        }
        catch (JsonException)
        {
            // Reported below with the body.
        }
        if (string.IsNullOrEmpty(name) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new InvalidOperationException($"starting Container Apps job {settings.JobName}: the answer names no usable execution ({Snippet(text)})");
        }
        logger.LogInformation("Container Apps job {Job} execution {Execution} started for run {RunId}", settings.JobName, name, request.RunId);
        return name;
    }

    public async Task<TrainingJobStatus> GetStatusAsync(string executionId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (code, text) = await SendAsync(RequestMethod.Get, Address(settings, $"executions/{Uri.EscapeDataString(executionId)}"), null, null, settings, cancellationToken)
            .ConfigureAwait(false);
        if (code == 404)
        {
            return new TrainingJobStatus(TrainingJobState.Failed, $"execution {executionId} does not exist");
        }
        if (code is < 200 or >= 300)
        {
            // Throttling or an ARM hiccup that outlasted the pipeline's retries is not a job failure: the pipeline polls again.
            throw new HttpRequestException($"reading execution {executionId} failed: HTTP {code} {Snippet(text)}", null, (System.Net.HttpStatusCode)code);
        }
        string? status = null;
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.TryGetProperty("properties", out var properties) && properties.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String)
            {
                status = s.GetString();
            }
        }
        catch (JsonException)
        {
            // status stays null
        }
        return status switch
        {
            "Succeeded" => new TrainingJobStatus(TrainingJobState.Succeeded, status),
            "Failed" or "Degraded" or "Stopped" => new TrainingJobStatus(TrainingJobState.Failed, $"execution {executionId} is {status}"),
            "Running" or "Processing" or "Unknown" => new TrainingJobStatus(TrainingJobState.Running, status),
            null => throw new InvalidOperationException($"execution {executionId}: the answer has no properties.status ({Snippet(text)})"),
            _ => new TrainingJobStatus(TrainingJobState.Running, status),
        };
    }

    public async Task StopAsync(string executionId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (status, text) = await SendAsync(RequestMethod.Post, Address(settings, $"executions/{Uri.EscapeDataString(executionId)}/stop"), null, null, settings, cancellationToken)
            .ConfigureAwait(false);
        if (status is (< 200 or >= 300) and not 404)
        {
            throw new InvalidOperationException($"stopping execution {executionId} failed: HTTP {status} {Snippet(text)}");
        }
    }

    /// <summary>Whether the execution's template sets LONGVIEW_RUN_ID to <paramref name="runId"/>.</summary>
    private static bool TaggedWith(JsonElement execution, string runId) =>
        execution.ValueKind == JsonValueKind.Object
        && execution.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
        && properties.TryGetProperty("template", out var template) && template.ValueKind == JsonValueKind.Object
        && template.TryGetProperty("containers", out var containers) && containers.ValueKind == JsonValueKind.Array
        && containers.EnumerateArray().Any(c => c.ValueKind == JsonValueKind.Object
            && c.TryGetProperty("env", out var env) && env.ValueKind == JsonValueKind.Array
            && env.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object
                && e.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && n.GetString() == RunIdVariable
                && e.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == runId));

    private async Task<(int Status, string Text)> SendAsync(
        RequestMethod method, Uri address, byte[]? body, ResponseClassifier? classifier, ContainerAppsJobOptions settings, CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage();
        if (classifier is not null)
        {
            message.ResponseClassifier = classifier;
        }
        message.BufferResponse = false;
        message.Request.Method = method;
        message.Request.Uri.Reset(address);
        if (body is not null)
        {
            message.Request.Headers.Add("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(body);
        }
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        return (response.Status, await ReadAsync(response, settings, cancellationToken).ConfigureAwait(false));
    }

    private static Uri Address(ContainerAppsJobOptions settings, string tail) =>
        new(settings.ArmBaseUrl,
            $"subscriptions/{Uri.EscapeDataString(settings.SubscriptionId)}/resourceGroups/{Uri.EscapeDataString(settings.ResourceGroup)}" +
            $"/providers/Microsoft.App/jobs/{Uri.EscapeDataString(settings.JobName)}/{tail}?api-version={Uri.EscapeDataString(settings.ApiVersion)}");

    private static async Task<string> ReadAsync(Azure.Response response, ContainerAppsJobOptions settings, CancellationToken cancellationToken)
    {
        if (response.ContentStream is not { } stream)
        {
            return "";
        }
        await using (stream.ConfigureAwait(false))
        {
            using var body = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while (body.Length < settings.MaxResponseBytes && (read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                body.Write(chunk, 0, (int)Math.Min(read, settings.MaxResponseBytes - body.Length));
            }
            return System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
        }
    }

    private static string BlobUrl(ContainerAppsJobOptions settings, BlobLocation location) =>
        new Uri(settings.BlobEndpoint, $"{Uri.EscapeDataString(location.Container)}/{string.Join('/', location.Name.Split('/').Select(Uri.EscapeDataString))}").ToString();

    private static string Snippet(string text) => text.Length <= 300 ? text : text[..300] + "...";

    /// <summary>For a start: retry only the answers that say ARM did not act on it (429, 503); a dropped connection may have started one.</summary>
    private sealed class NotActedOnClassifier : ResponseClassifier
    {
        public override bool IsRetriableResponse(HttpMessage message) => message.Response.Status is 429 or 503;

        public override bool IsRetriableException(Exception exception) => false;

        public override bool IsRetriable(HttpMessage message, Exception exception) => false;
    }
}
