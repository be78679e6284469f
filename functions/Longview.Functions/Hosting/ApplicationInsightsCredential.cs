using Azure.Core;
using Azure.Identity;

namespace Longview.Functions.Hosting;

/// <summary>
/// The credential the worker sends its telemetry with. Application Insights has local authentication disabled
/// (infra/modules/monitoring.bicep), so telemetry without an Entra token is refused; the Functions host reads
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> itself, the worker's SDKs do not, so the same setting is read here:
/// <c>Authorization=AAD</c> means the system-assigned identity, <c>Authorization=AAD;ClientId=…</c> a user-assigned one.
/// </summary>
public static class ApplicationInsightsCredential
{
    public const string SettingName = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The managed identity the setting names; null when it asks for no Entra authentication (local runs).</summary>
    public static TokenCredential? From(string? authenticationString)
    {
        var parts = (authenticationString ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
