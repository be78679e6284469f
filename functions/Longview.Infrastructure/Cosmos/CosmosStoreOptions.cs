using System.ComponentModel.DataAnnotations;
using Microsoft.Azure.Cosmos;

namespace Longview.Infrastructure.Cosmos;

/// <summary>Where the Cosmos DB account is and how the adapter talks to it (configuration section "Cosmos").</summary>
public sealed class CosmosStoreOptions : IValidatableObject
{
    public const string SectionName = "Cosmos";

    /// <summary>Account endpoint, e.g. https://myaccount.documents.azure.com:443/ or the emulator's http://127.0.0.1:port/.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Account key. Null or empty means Microsoft Entra ID through DefaultAzureCredential (production).</summary>
    public string? Key { get; set; }

    public string DatabaseName { get; set; } = "longview";

    public string ProfilesContainer { get; set; } = "profiles";

    public string ItemsContainer { get; set; } = "items";

    /// <summary>Erasure records of the profile store (pk /id = the user id hash; never a user id).</summary>
    public string ErasuresContainer { get; set; } = "erasures";

    /// <summary>Item text embeddings (pk /itemId, id = the encoder), one document per (item, encoder).</summary>
    public string EmbeddingsContainer { get; set; } = "embeddings";

    /// <summary>Create the database and containers on first use when they are missing (off where infra owns them).</summary>
    public bool CreateIfMissing { get; set; } = true;

    /// <summary>Direct for Azure; the emulator speaks only the REST gateway.</summary>
    public ConnectionMode ConnectionMode { get; set; } = ConnectionMode.Direct;

    /// <summary>Use only <see cref="Endpoint"/>, never the regional endpoints the account advertises (the emulator advertises wrong ones).</summary>
    public bool LimitToEndpoint { get; set; }

    /// <summary>Accept any TLS certificate. Only for the emulator's self-signed certificate in tests; never in production.</summary>
    public bool AcceptAnyServerCertificate { get; set; }

    /// <summary>How many point operations one batch call runs at once (no bulk mode or TransactionalBatch: the emulator lacks them).</summary>
    public int MaxParallelOperations { get; set; } = 16;

    /// <summary>429 handling: the SDK waits the server's x-ms-retry-after-ms and retries up to this many times...</summary>
    public int MaxRetryAttemptsOnThrottling { get; set; } = 9;

    /// <summary>...for at most this long in total per operation before surfacing the 429.</summary>
    public TimeSpan MaxRetryWaitOnThrottling { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Page size for scans (bounded memory per page).</summary>
    public int ScanPageSize { get; set; } = 200;

    /// <summary>
    /// Settings for the local emulator (tests/emulators): the REST gateway only, and only the given endpoint
    /// (it advertises https regional endpoints it does not serve).
    /// </summary>
    public CosmosStoreOptions ForEmulator(Uri endpoint, string key)
    {
        Endpoint = endpoint;
        Key = key;
        ConnectionMode = ConnectionMode.Gateway;
        LimitToEndpoint = true;
        AcceptAnyServerCertificate = endpoint.Scheme == Uri.UriSchemeHttps;
        return this;
    }

    /// <summary>Every problem with these settings, naming the setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Endpoint is null || !Endpoint.IsAbsoluteUri)
        {
            problems.Add($"{SectionName}:Endpoint must be an absolute URI (got '{Endpoint}').");
        }
        foreach (var (name, value) in new[] { (nameof(DatabaseName), DatabaseName), (nameof(ProfilesContainer), ProfilesContainer), (nameof(ItemsContainer), ItemsContainer), (nameof(ErasuresContainer), ErasuresContainer), (nameof(EmbeddingsContainer), EmbeddingsContainer) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{SectionName}:{name} must not be empty.");
            }
        }
        if (MaxParallelOperations is < 1 or > 256)
        {
            problems.Add($"{SectionName}:MaxParallelOperations must be 1..256 (got {MaxParallelOperations}).");
        }
        if (MaxRetryAttemptsOnThrottling is < 0 or > 100)
        {
            problems.Add($"{SectionName}:MaxRetryAttemptsOnThrottling must be 0..100 (got {MaxRetryAttemptsOnThrottling}).");
        }
        if (ScanPageSize is < 1 or > 1000)
        {
            problems.Add($"{SectionName}:ScanPageSize must be 1..1000 (got {ScanPageSize}).");
        }
        return problems;
    }

    // Settings validation (SettingsValidator adds the section to each message).
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) =>
        Problems().Select(problem => new ValidationResult(problem.StartsWith(SectionName + ":", StringComparison.Ordinal) ? problem[(SectionName.Length + 1)..].TrimStart() : problem));
}
