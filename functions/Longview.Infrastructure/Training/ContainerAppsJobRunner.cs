using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Longview.Core.Training.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Training;

/// <summary>
/// Runs the training job as a Container Apps job execution through the ARM REST API (the management SDK is not on the
/// feed): <c>POST .../jobs/{job}/start</c> with a template that overrides the container's args and env for this
/// execution, then <c>GET .../jobs/{job}/executions/{name}</c> for its status. Authenticates with a
/// <see cref="TokenCredential"/> (DefaultAzureCredential / managed identity in production).
/// </summary>
public sealed class ContainerAppsJobRunner(HttpClient http, TokenCredential credential, IOptions<ContainerAppsJobOptions> options, ILogger<ContainerAppsJobRunner> logger)
    : ITrainingJobRunner
{
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
            new JsonObject { ["name"] = "LONGVIEW_RUN_ID", ["value"] = request.RunId });
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

        using var message = await MessageAsync(HttpMethod.Post, settings, "start", cancellationToken).ConfigureAwait(false);
        message.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var text = await ReadAsync(response, settings, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"starting Container Apps job {settings.JobName} failed: HTTP {(int)response.StatusCode} {Snippet(text)}");
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
        using var message = await MessageAsync(HttpMethod.Get, settings, $"executions/{Uri.EscapeDataString(executionId)}", cancellationToken).ConfigureAwait(false);
        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var text = await ReadAsync(response, settings, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new TrainingJobStatus(TrainingJobState.Failed, $"execution {executionId} does not exist");
        }
        if (!response.IsSuccessStatusCode)
        {
            // Throttling or an ARM hiccup is not a job failure: the pipeline polls again.
            throw new HttpRequestException($"reading execution {executionId} failed: HTTP {(int)response.StatusCode} {Snippet(text)}", null, response.StatusCode);
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
        using var message = await MessageAsync(HttpMethod.Post, settings, $"executions/{Uri.EscapeDataString(executionId)}/stop", cancellationToken).ConfigureAwait(false);
        using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var text = await ReadAsync(response, settings, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException($"stopping execution {executionId} failed: HTTP {(int)response.StatusCode} {Snippet(text)}");
        }
    }

    private async Task<HttpRequestMessage> MessageAsync(HttpMethod method, ContainerAppsJobOptions settings, string tail, CancellationToken cancellationToken)
    {
        var path = $"subscriptions/{Uri.EscapeDataString(settings.SubscriptionId)}/resourceGroups/{Uri.EscapeDataString(settings.ResourceGroup)}" +
                   $"/providers/Microsoft.App/jobs/{Uri.EscapeDataString(settings.JobName)}/{tail}?api-version={Uri.EscapeDataString(settings.ApiVersion)}";
        var token = await credential.GetTokenAsync(new TokenRequestContext([settings.Scope]), cancellationToken).ConfigureAwait(false);
        var message = new HttpRequestMessage(method, new Uri(settings.ArmBaseUrl, path));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return message;
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response, ContainerAppsJobOptions settings, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var body = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (body.Length < settings.MaxResponseBytes && (read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            body.Write(chunk, 0, (int)Math.Min(read, settings.MaxResponseBytes - body.Length));
        }
        return System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
    }

    private static string BlobUrl(ContainerAppsJobOptions settings, BlobLocation location) =>
        new Uri(settings.BlobEndpoint, $"{Uri.EscapeDataString(location.Container)}/{string.Join('/', location.Name.Split('/').Select(Uri.EscapeDataString))}").ToString();

    private static string Snippet(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
