using Microsoft.AspNetCore.Hosting.Server;

namespace Longview.Local.Security;

/// <summary>
/// Puts the security settings into effect: refuses to expose the app without an API key (checked on the configured
/// addresses before start and again on the addresses the server actually bound), then adds the Host allow-list, CORS
/// (only when origins are configured), rate limiting (when exposed, or when asked) and the API-key check.
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
            resolved.AllowedHosts = commandLine.AllowedHosts.Length > 0 ? commandLine.AllowedHosts : resolved.AllowedHosts;
        }
        resolved.ApiKey = string.IsNullOrEmpty(resolved.ApiKey) ? null : resolved.ApiKey;
        return resolved;
    }

    /// <summary>
    /// Registers what the pipeline needs; throws <see cref="InsecureListenException"/> before anything listens when
    /// <paramref name="urls"/> or Kestrel's configured endpoints are not loopback and no key is set. Whatever the
    /// configuration missed (an address set in code or by a source read later) is caught by <see cref="ListenGuardServer"/>.
    /// </summary>
    public static void AddLongviewSecurity(this WebApplicationBuilder builder, string urls, LocalSecurityOptions security)
    {
        var configured = ListenAddresses.Configured(urls, builder.Configuration);
        var exposed = ListenAddresses.Exposed(configured);
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
        var applied = new AppliedSecurity(verifier is not null, security.CorsOrigins.Length > 0, security.RateLimit.Enabled ?? exposed.Count > 0);
        if (ListenAddresses.Refusal(configured, applied, bound: false) is { } refusal)
        {
            throw new InsecureListenException(refusal);
        }
        builder.Services.AddSingleton(applied);
        var allowedHosts = security.AllowedHosts.Length > 0 ? security.AllowedHosts
            : verifier is null ? [.. LocalSecurityOptions.LoopbackHosts]
            : ["*"];
        builder.Services.AddSingleton(new AllowedHosts(allowedHosts));
        GuardBoundAddresses(builder.Services, applied);
    }

    /// <summary>Replaces the registered server with <see cref="ListenGuardServer"/> around it.</summary>
    private static void GuardBoundAddresses(IServiceCollection services, AppliedSecurity applied)
    {
        var server = services.LastOrDefault(d => d.ServiceType == typeof(IServer) && !d.IsKeyedService);
        if (server is null)
        {
            return;
        }
        services.Remove(server);
        services.AddSingleton<IServer>(provider => new ListenGuardServer(server switch
        {
            { ImplementationInstance: IServer instance } => instance,
            { ImplementationFactory: { } factory } => (IServer)factory(provider),
            _ => (IServer)ActivatorUtilities.CreateInstance(provider, server.ImplementationType!),
        }, applied));
    }

    /// <summary>
    /// The Host allow-list first (a rebound DNS name reaches nothing), then CORS (so preflights are answered without a
    /// key), then the rate limit (so key guessing is limited), then the key, then the declared body size.
    /// </summary>
    public static void UseLongviewSecurity(this WebApplication app)
    {
        app.UseMiddleware<AllowedHostsMiddleware>(app.Services.GetRequiredService<AllowedHosts>().Names);
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

/// <summary>The Host names served, as decided at start-up.</summary>
public sealed record AllowedHosts(IReadOnlyList<string> Names);

/// <summary>Which protections are on, as decided at start-up (logged, and read by the pipeline).</summary>
public sealed record AppliedSecurity(bool ApiKey, bool Cors, bool RateLimited);

/// <summary>The settings would expose the app unsafely; the host must not start.</summary>
public sealed class InsecureListenException(string message) : InvalidOperationException(message);
