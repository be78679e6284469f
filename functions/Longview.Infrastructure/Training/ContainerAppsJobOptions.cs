namespace Longview.Infrastructure.Training;

public sealed class ContainerAppsJobOptions
{
    public const string SectionName = "Longview:Training:ContainerApps";

    public string SubscriptionId { get; set; } = "";

    public string ResourceGroup { get; set; } = "";

    /// <summary>The Container Apps job that runs the training image.</summary>
    public string JobName { get; set; } = "";

    /// <summary>The job template's container to override per execution.</summary>
    public string ContainerName { get; set; } = "training";

    /// <summary>The training image (an execution template names it again).</summary>
    public string Image { get; set; } = "";

    public string ApiVersion { get; set; } = "2024-03-01";

    /// <summary>ARM endpoint; tests point it at a fake.</summary>
    public Uri ArmBaseUrl { get; set; } = new("https://management.azure.com/");

    /// <summary>Token scope for ARM.</summary>
    public string Scope { get; set; } = "https://management.azure.com/.default";

    /// <summary>Blob service endpoint the job reads and writes with its managed identity, e.g. <c>https://acct.blob.core.windows.net/</c>.</summary>
    public Uri BlobEndpoint { get; set; } = new("https://localhost/");

    /// <summary>Device flag passed to the job (the Container Apps job runs on a GPU workload profile).</summary>
    public string Device { get; set; } = "cuda";

    /// <summary>Bound on the bodies read from ARM.</summary>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Retries of one ARM request on throttling and transient errors (Azure.Core's retry policy: exponential from
    /// <see cref="RetryDelay"/>, capped at <see cref="MaxRetryDelay"/>, and never sooner than ARM's Retry-After).
    /// </summary>
    public int MaxRetries { get; set; } = 5;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>One request's network timeout (per try).</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Most pages of the executions list read when looking for a run's execution.</summary>
    public int MaxExecutionPages { get; set; } = 10;
}
