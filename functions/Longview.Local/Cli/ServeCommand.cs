using System.CommandLine;
using Longview.Local.Hosting;
using Longview.Local.Security;
using Longview.Local.Seeding;

namespace Longview.Local.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Listen addresses, ';'-separated.",
            DefaultValueFactory = _ => LocalHostOptions.DefaultUrls,
        };
        var data = CommonOptions.Data();
        var noSeed = new Option<bool>("--no-seed") { Description = "Do not seed an empty store with simulated data." };
        var store = new Option<string>("--store")
        {
            Description = "embedded (SQLite + a folder under --data) or emulators (Cosmos + Blob adapters on the local emulators; use ./dev run --azure-emulators).",
            DefaultValueFactory = _ => "embedded",
        };
        store.AcceptOnlyFromAmong("embedded", "emulators");
        var apiKey = new Option<string?>("--api-key")
        {
            Description = $"Require this key (x-api-key or Authorization: Bearer) on every route but /api/health; also {LocalSecurityOptions.ApiKeyEnvironmentVariable} or {LocalSecurityOptions.SectionName}:ApiKey. Needed to listen on a non-loopback address.",
        };
        var command = new Command("serve", "Serve the HTTP API (seeds an empty store with a simulated population first). Any setting can follow as --Section:Key=value (see appsettings.json).")
        {
            urls, data, noSeed, store, apiKey,
        };
        // The tokens no option claims are settings for the configuration (--Longview:Events:MaxBodyBytes=1048576).
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var options = new LocalHostOptions
            {
                Urls = parse.GetValue(urls)!,
                DataFolder = Path.GetFullPath(parse.GetValue(data)!),
                SeedWhenEmpty = !parse.GetValue(noSeed),
                Stores = parse.GetValue(store) == "emulators" ? StoreKind.Emulators : StoreKind.Embedded,
                Security = new LocalSecurityOptions { ApiKey = parse.GetValue(apiKey) },
                SettingArgs = [.. parse.UnmatchedTokens],
            };
            return await RunAsync(options, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(LocalHostOptions options, CancellationToken cancellationToken)
    {
        WebApplication created;
        try
        {
            created = LocalWebApp.Create(options);
        }
        catch (InsecureListenException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        await using var app = created;
        // Every setting is checked before anything runs (seeding reads some), not only when Kestrel starts.
        app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Longview.Local");
        logger.LogInformation("Stores: {Stores}; data folder: {DataFolder}", options.Stores, options.DataFolder);
        var security = app.Services.GetRequiredService<AppliedSecurity>();
        logger.LogInformation("Security: API key {ApiKeyRequired}, rate limit {RateLimited}, CORS {Cors}", security.ApiKey, security.RateLimited, security.Cors);
        if (options.SeedWhenEmpty)
        {
            await app.Services.GetRequiredService<EmptyStoreSeeder>().SeedIfEmptyAsync(cancellationToken);
        }
        await Retention.RetentionCatchUp.RunIfBehindAsync(app.Services, cancellationToken);
        try
        {
            await app.RunAsync();
        }
        catch (InsecureListenException e)
        {
            // The server bound an address the configuration did not show (ListenGuardServer) and was stopped unserved.
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        return 0;
    }
}
