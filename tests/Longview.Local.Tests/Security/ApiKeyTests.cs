using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Longview.Local.Api;
using Longview.Local.Security;
using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Security;

/// <summary>With an API key set, every route but health and the OpenAPI document needs it.</summary>
public sealed class ApiKeyTests
{
    private const string Event = """{"eventId":"e1","userId":"u1","itemId":"i1","type":"view","timestamp":"2025-03-01T10:00:00Z"}""";

    [Theory]
    [InlineData("GET", "/api/users/u1/profile")]
    [InlineData("POST", "/api/events")]
    [InlineData("POST", "/api/items")]
    [InlineData("DELETE", "/api/users/u1")]
    public async Task A_request_without_a_key_is_a_401_problem_and_changes_nothing(string method, string route)
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions { ApiKey = SecuredApp.Key });
        using var anonymous = app.Client();
        using var keyed = app.Client(SecuredApp.Key);
        await keyed.PostEventsAsync(Event);

        var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), route) { Content = new StringContent("[]", Encoding.UTF8, "application/json") });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("x-api-key", (string?)problem["detail"]);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("/api/users/u1/profile")).StatusCode);
    }

    [Theory]
    [InlineData("x-api-key", "wrong-key-0123456789abcdef")]
    [InlineData("x-api-key", "test-key-0123456789abcdeF")]
    [InlineData("x-api-key", "test-key-0123456789abcdef-and-more")]
    [InlineData("Authorization", "Bearer wrong-key-0123456789abcdef")]
    [InlineData("Authorization", "Basic dGVzdC1rZXktMDEyMzQ1Njc4OWFiY2RlZg==")]
    public async Task A_wrong_key_is_a_401_problem(string header, string value)
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions { ApiKey = SecuredApp.Key });
        using var client = app.Client();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = new StringContent(Event, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await client.SendAsync(request);

        await Problem.ReadAsync(response, HttpStatusCode.Unauthorized);
        using var keyed = app.Client(SecuredApp.Key);
        Assert.Equal(HttpStatusCode.NotFound, (await keyed.GetAsync("/api/users/u1/profile")).StatusCode);
    }

    [Fact]
    public async Task The_right_key_in_either_header_is_served()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions { ApiKey = SecuredApp.Key });
        using var viaHeader = app.Client(SecuredApp.Key);
        using var viaBearer = app.Client();
        viaBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SecuredApp.Key);

        var posted = await viaHeader.PostEventsAsync(Event);
        var profile = await viaBearer.GetAsync("/api/users/u1/profile");

        Assert.Equal(1, posted.Accepted);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    [Fact]
    public async Task Health_and_the_openapi_document_are_anonymous()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions { ApiKey = SecuredApp.Key });
        using var anonymous = app.Client();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(OpenApiDocument.Route)).StatusCode);
        // Only reads are anonymous: a POST to the health path is not let through the key check.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/health", new StringContent(""))).StatusCode);
    }

    [Fact]
    public async Task Without_a_key_configured_loopback_serves_anonymously()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions());
        using var anonymous = app.Client();

        Assert.Equal(1, (await anonymous.PostEventsAsync(Event)).Accepted);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/users/u1/profile")).StatusCode);
    }

    [Fact]
    public void The_verifier_accepts_exactly_the_configured_key()
    {
        var verifier = new ApiKeyVerifier(SecuredApp.Key);

        Assert.True(verifier.IsValid(SecuredApp.Key));
        Assert.False(verifier.IsValid(null));
        Assert.False(verifier.IsValid(""));
        Assert.False(verifier.IsValid(SecuredApp.Key[..^1]));
        Assert.False(verifier.IsValid(SecuredApp.Key + " "));
        Assert.False(verifier.IsValid(SecuredApp.Key.ToUpperInvariant()));
    }
}
