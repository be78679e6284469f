namespace Longview.Local.Security;

/// <summary>
/// Puts the security settings into effect: refuses to expose the app without an API key, then adds CORS (only when
/// origins are configured), rate limiting (when exposed, or when asked) and the API-key check.
/// </summary>
public static class LocalSecurity
{
    /// <summary>Merges the settings: command line over <c>LONGVIEW_API_KEY</c> over the "Longview:Security" section.</summary>
    public static LocalSecurityOptions Resolve(LocalSecurityOptions? commandLine, IConfiguration configuration)
    {
        var resolved = new LocalSecurityOptions();
        configuration.GetSection(LocalSecurityOptions.SectionName).Bind(resolved);
        if (configuration[LocalSecurityOptions.ApiKeyEnvironmentVariable] is { Length: > 0 } fromEnvironment)
        {
            resolved.ApiKey = fromEnvironment;
        }
        if (commandLine is not null)
        {
            resolved.ApiKey = commandLine.ApiKey ?? resolved.ApiKey;
            resolved.CorsOrigins = commandLine.CorsOrigins.Length > 0 ? commandLine.CorsOrigins : resolved.CorsOrigins;
            resolved.RateLimit = commandLine.RateLimit.Enabled is null ? resolved.RateLimit : commandLine.RateLimit;
        }
        resolved.ApiKey = string.IsNullOrEmpty(resolved.ApiKey) ? null : resolved.ApiKey;
        return resolved;
    }

    /// <summary>Registers what the pipeline needs; throws <see cref="InsecureListenException"/> before anything listens.</summary>
    public static void AddLongviewSecurity(this WebApplicationBuilder builder, string urls, LocalSecurityOptions security)
    {
        var exposed = ListenAddresses.Exposed(urls);
        if (exposed.Count > 0 && security.ApiKey is null)
        {
            throw new InsecureListenException(
                $"Refusing to listen on {string.Join(", ", exposed)} without an API key: anyone on the network could read profiles and write events. " +
                $"Set one with --api-key, the {LocalSecurityOptions.ApiKeyEnvironmentVariable} environment variable or {LocalSecurityOptions.SectionName}:ApiKey, " +
                "or listen on loopback only (the default, http://127.0.0.1:7071).");
        }
        if (security.ApiKey is { Length: < LocalSecurityOptions.MinApiKeyLength })
        {
            throw new InsecureListenException($"The API key must be at least {LocalSecurityOptions.MinApiKeyLength} characters long (it has {security.ApiKey.Length}).");
        }
        var verifier = security.ApiKey is null ? null : new ApiKeyVerifier(security.ApiKey);
        if (verifier is not null)
        {
            builder.Services.AddSingleton(verifier);
        }
        if (security.CorsOrigins.Length > 0)
        {
            builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
                .WithOrigins(security.CorsOrigins)
                .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Delete)
                .WithHeaders(ApiKeyVerifier.HeaderName, "authorization", "content-type")
                .WithExposedHeaders("retry-after")));
        }
        if (security.RateLimit.Enabled ?? exposed.Count > 0)
        {
            builder.Services.AddLongviewRateLimits(security.RateLimit, verifier);
        }
        builder.Services.AddSingleton(new AppliedSecurity(verifier is not null, security.CorsOrigins.Length > 0, security.RateLimit.Enabled ?? exposed.Count > 0));
    }

    /// <summary>
    /// CORS first (so preflights are answered without a key), then the rate limit (so key guessing is limited), then the
    /// key, then the declared body size.
    /// </summary>
    public static void UseLongviewSecurity(this WebApplication app)
    {
        var applied = app.Services.GetRequiredService<AppliedSecurity>();
        if (applied.Cors)
        {
            app.UseCors();
        }
        if (applied.RateLimited)
        {
            app.UseRateLimiter();
        }
        if (applied.ApiKey)
        {
            app.UseMiddleware<ApiKeyMiddleware>();
        }
        app.UseMiddleware<DeclaredBodySizeGuard>();
    }
}

/// <summary>Which protections are on, as decided at start-up (logged, and read by the pipeline).</summary>
public sealed record AppliedSecurity(bool ApiKey, bool Cors, bool RateLimited);

/// <summary>The settings would expose the app unsafely; the host must not start.</summary>
public sealed class InsecureListenException(string message) : InvalidOperationException(message);
