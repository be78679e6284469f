namespace Longview.Local.Hosting;

/// <summary>How the self-hosted app listens and where it keeps its data.</summary>
public sealed class LocalHostOptions
{
    public const string DefaultUrls = "http://127.0.0.1:7071";

    /// <summary>Kestrel listen addresses, separated by ';'. Port 0 picks a free port (tests).</summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>Folder of the embedded stores (SQLite files, blobs).</summary>
    public string DataFolder { get; set; } = DataFolders.Default();

    /// <summary>
    /// Largest request body accepted, enforced by Kestrel while reading (chunked bodies included) before Core's body
    /// readers apply their own limit (4 MiB by default for events and items).
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Which stores back the app; <see cref="DataFolder"/> only matters for <see cref="StoreKind.Embedded"/>.</summary>
    public StoreKind Stores { get; set; } = StoreKind.Embedded;

    /// <summary>Seed an empty store with a simulated population at start-up so a newcomer has data at once.</summary>
    public bool SeedWhenEmpty { get; set; } = true;

    /// <summary>Security settings given on the command line or by a test; merged over configuration by <see cref="Security.LocalSecurity.Resolve"/>.</summary>
    public Security.LocalSecurityOptions? Security { get; set; }

    /// <summary>Settings given on the command line after the verb's own options (<c>--Longview:Events:MaxBodyBytes=1048576</c>); they win over environment variables and appsettings.json.</summary>
    public string[] SettingArgs { get; set; } = [];

    /// <summary>
    /// Model polling, impression logging and popularity seeding as given by the caller (a test, a benchmark); null:
    /// the settings "Longview:Serving" from configuration (appsettings.json, environment, command line).
    /// </summary>
    public Serving.LocalServingOptions? Serving { get; set; }
}
