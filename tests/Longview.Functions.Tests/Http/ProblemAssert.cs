using System.Net;
using System.Text.Json.Nodes;

namespace Longview.Functions.Tests.Http;

/// <summary>Reads an RFC 9457 problem+json answer, checking the media type and the members every problem must have.</summary>
public static class ProblemAssert
{
    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)expected, (int?)problem["status"]);
        Assert.StartsWith("https://tools.ietf.org/html/rfc9110#section-15.5.", (string?)problem["type"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["detail"]));
        return problem;
    }
}
