using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Longview.Core.Serialization;
using Longview.Api;

namespace Longview.Local.Tests.Support;

/// <summary>Typed calls on the running app's HTTP API.</summary>
internal static class ApiClient
{
    public static Task<IngestResponse> PostEventsAsync(this HttpClient client, string body, string mediaType = "application/json") =>
        PostAsync(client, "/api/events", body, mediaType);

    public static Task<IngestResponse> PostItemsAsync(this HttpClient client, string body) =>
        PostAsync(client, "/api/items", body, "application/json");

    public static async Task<PublicProfile> GetProfileAsync(this HttpClient client, string userId) =>
        (await JsonSerializer.DeserializeAsync<PublicProfile>(await ProfileJsonStreamAsync(client, userId), LongviewJson.Options))!;

    public static async Task<string> GetProfileJsonAsync(this HttpClient client, string userId)
    {
        using var reader = new StreamReader(await ProfileJsonStreamAsync(client, userId));
        return await reader.ReadToEndAsync();
    }

    private static async Task<Stream> ProfileJsonStreamAsync(HttpClient client, string userId)
    {
        var response = await client.GetAsync($"/api/users/{Uri.EscapeDataString(userId)}/profile");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStreamAsync();
    }

    private static async Task<IngestResponse> PostAsync(HttpClient client, string route, string body, string mediaType)
    {
        var response = await client.PostAsync(route, new StringContent(body, Encoding.UTF8, mediaType));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<IngestResponse>(LongviewJson.Options))!;
    }
}
