namespace Longview.Local.Security;

/// <summary>
/// Security settings of the self-hosted app (configuration section "Longview:Security", the same section that holds
/// <see cref="Core.Privacy.UserIdHashOptions.UserIdSalt"/>). The API key can also come from <c>--api-key</c> or the
/// environment variable <c>LONGVIEW_API_KEY</c>.
/// </summary>
public sealed class LocalSecurityOptions
{
    public const string SectionName = "Longview:Security";
    public const string ApiKeyEnvironmentVariable = "LONGVIEW_API_KEY";
    public const int MinApiKeyLength = 16;

    /// <summary>When set, every route but GET /api/health and the OpenAPI document needs it (x-api-key or Authorization: Bearer).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Origins allowed to call the API from a browser; none (the default) sends no CORS headers at all.</summary>
    public string[] CorsOrigins { get; set; } = [];

    public RequestRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>
    /// Host header values served (ASP.NET Core host filtering: names without port, "*.example.com" wildcards, "*" for
    /// any); others get 400. Empty (the default) means <see cref="LoopbackHosts"/> without an API key, so a web page
    /// whose DNS name is rebound to 127.0.0.1 reaches nothing, and any host with a key (the key is what protects then).
    /// </summary>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>The names a browser on this machine uses for a loopback address.</summary>
    public static IReadOnlyList<string> LoopbackHosts { get; } = ["localhost", "127.0.0.1", "[::1]"];
}
