using Longview.Api;
using Longview.Core.Health;
using Longview.Local.Api;
using Longview.Local.Retention;
using Longview.Local.Security;
using Longview.Local.Semantics;
using Longview.Local.Training;

namespace Longview.Local.Hosting;

/// <summary>Builds the self-hosted web app: Kestrel, problem+json errors, OpenAPI and the /api routes.</summary>
public static class LocalWebApp
{
    /// <param name="configureBuilder">
    /// Runs before the security settings are applied (tests add configuration or listen addresses with it, as an
    /// operator would with environment variables).
    /// </param>
    public static WebApplication Create(LocalHostOptions options, Action<ILoggingBuilder>? configureLogging = null, Action<WebApplicationBuilder>? configureBuilder = null)
    {
        // Settings come from appsettings.json beside the executable (whatever the caller's directory), environment
        // variables (Longview__Events__MaxBodyBytes) and the command line (--Longview:Events:MaxBodyBytes=), in that order.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LocalWebApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = options.SettingArgs,
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        // ASP.NET's request logs carry URLs, and URLs carry user ids: keep them below Information.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        configureLogging?.Invoke(builder.Logging);
        configureBuilder?.Invoke(builder);
        builder.Services.AddSingleton(options);
        builder.Services.AddLongviewLocal(options.DataFolder, options.Stores);
        builder.AddLongviewSecurity(options.Urls, LocalSecurity.Resolve(options.Security, builder.Configuration));
        // The caller's serving settings when given (a test, a benchmark), else "Longview:Serving" from configuration.
        builder.Services.AddLongviewServing(options.Serving
            ?? builder.Configuration.GetSection(Serving.LocalServingOptions.SectionName).Get<Serving.LocalServingOptions>()
            ?? new Serving.LocalServingOptions());
        builder.Services.AddLongviewSemantics(builder.Configuration);
        builder.Services.AddLongviewLocalTraining(options.DataFolder).AddLongviewTrainingSchedule();
        builder.Services.AddLongviewLocalApi();
        builder.Services.AddRetentionScheduler();
        builder.Services.AddLongviewReadiness();
        builder.Services.AddLongviewTelemetry(builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Before routing: ids "." and ".." arrive as %2E segments that Kestrel would otherwise normalise away.
        app.UseEncodedDotSegments();
        app.UseRouting();
        app.UseLongviewSecurity();
        app.MapLongviewApi();
        return app;
    }
}
