using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Longview.Functions.Tests.Http;

/// <summary>Requests built exactly as written (no client-side path canonicalisation), and the bodies the suite sends.</summary>
public static class ApiRequests
{
    private static readonly UriCreationOptions AsWritten = new() { DangerousDisablePathAndQueryCanonicalization = true };

    public static HttpRequestMessage Create(HttpMethod method, string target, HttpContent? content = null) =>
        new(method, new Uri("http://localhost" + target, AsWritten)) { Content = content };

    public static Task<HttpResponseMessage> GetAsync(this IApiHost host, string target) => host.SendAsync(Create(HttpMethod.Get, target));

    public static Task<HttpResponseMessage> DeleteAsync(this IApiHost host, string target) => host.SendAsync(Create(HttpMethod.Delete, target));

    public static Task<HttpResponseMessage> PostAsync(this IApiHost host, string target, string body, string? mediaType = "application/json") =>
        host.SendAsync(Create(HttpMethod.Post, target, Body(body, mediaType)));

    public static HttpContent Body(string body, string? mediaType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (mediaType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        }
        return content;
    }

    /// <summary>One valid view event as JSON.</summary>
    public static string Event(string eventId, string userId, string itemId = "i1", string type = "view") =>
        new JsonObject
        {
            ["eventId"] = eventId,
            ["userId"] = userId,
            ["itemId"] = itemId,
            ["type"] = type,
            ["timestamp"] = "2025-01-01T00:00:00Z",
        }.ToJsonString();

    /// <summary>One path segment for an id: every reserved character escaped, and "." / ".." as %2E so they stay data.</summary>
    public static string Segment(string id)
    {
        var escaped = Uri.EscapeDataString(id);
        return escaped.Trim('.').Length == 0 ? escaped.Replace(".", "%2E", StringComparison.Ordinal) : escaped;
    }

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>The experiment both hosts run in the contract suite: an even split, "fresh" with more exploration.</summary>
    public const string ExperimentId = "contract-ab";

    public static Dictionary<string, string?> ExperimentSettings { get; } = new()
    {
        ["Longview:Experiments:Definitions:0:Id"] = ExperimentId,
        ["Longview:Experiments:Definitions:0:Start"] = "2020-01-01T00:00:00Z",
        ["Longview:Experiments:Definitions:0:End"] = "2100-01-01T00:00:00Z",
        ["Longview:Experiments:Definitions:0:Variants:0:Name"] = "control",
        ["Longview:Experiments:Definitions:0:Variants:0:Share"] = "0.5",
        ["Longview:Experiments:Definitions:0:Variants:1:Name"] = "fresh",
        ["Longview:Experiments:Definitions:0:Variants:1:Share"] = "0.5",
        ["Longview:Experiments:Definitions:0:Variants:1:Weights:ExplorationShare"] = "0.5",
        ["Longview:Campaigns:Definitions:0:Id"] = CampaignId,
        ["Longview:Campaigns:Definitions:0:Start"] = "2020-01-01T00:00:00Z",
        ["Longview:Campaigns:Definitions:0:End"] = "2100-01-01T00:00:00Z",
        ["Longview:Campaigns:Definitions:0:HoldoutShare"] = "0.3",
        ["Longview:Campaigns:Definitions:0:Audience:Segments:0"] = "churned",
        ["Longview:Campaigns:Definitions:0:Treatment:Weights:ExplorationShare"] = "0.5",
        ["Longview:Campaigns:Definitions:0:Treatment:Message:template"] = "we-miss-you",
    };

    /// <summary>The win-back campaign both hosts run in the contract suite: churned users, 30% holdout.</summary>
    public const string CampaignId = "contract-winback";
}
