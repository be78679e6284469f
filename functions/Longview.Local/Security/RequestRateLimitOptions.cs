namespace Longview.Local.Security;

/// <summary>
/// Token bucket per client (per API key when a valid one is presented, else per remote IP address). Defaults allow
/// bursts of 200 requests and 100 a second sustained; event batches carry up to 10,000 events, so this bounds calls,
/// not events.
/// </summary>
public sealed class RequestRateLimitOptions
{
    /// <summary>On or off; unset means on exactly when the app listens on a non-loopback address.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Bucket size: the largest burst.</summary>
    public int TokenLimit { get; set; } = 200;

    /// <summary>Tokens added every <see cref="ReplenishmentPeriod"/>.</summary>
    public int TokensPerPeriod { get; set; } = 100;

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        if (TokenLimit < 1 || TokensPerPeriod < 1 || ReplenishmentPeriod <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"{LocalSecurityOptions.SectionName}:RateLimit: TokenLimit and TokensPerPeriod must be at least 1 and ReplenishmentPeriod positive " +
                $"(got {TokenLimit}, {TokensPerPeriod}, {ReplenishmentPeriod}).");
        }
    }
}
