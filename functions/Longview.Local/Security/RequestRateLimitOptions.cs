using System.ComponentModel.DataAnnotations;
using Longview.Core.Configuration;
using Microsoft.Extensions.Options;

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
    [Range(1, int.MaxValue)]
    public int TokenLimit { get; set; } = 200;

    /// <summary>Tokens added every <see cref="ReplenishmentPeriod"/>.</summary>
    [Range(1, int.MaxValue)]
    public int TokensPerPeriod { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);

    internal const string SectionName = LocalSecurityOptions.SectionName + ":RateLimit";

    /// <summary>Checked when the security settings are resolved at start, by the same rules and messages as every setting.</summary>
    internal void Validate()
    {
        if (new SettingsValidator<RequestRateLimitOptions>(SectionName).Validate(null, this) is { Failed: true } invalid)
        {
            throw new OptionsValidationException(SectionName, typeof(RequestRateLimitOptions), invalid.Failures);
        }
    }
}
