using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace Longview.Local.Security;

/// <summary>Checks the key a request presents (header x-api-key, or Authorization: Bearer) against the configured one in constant time.</summary>
public sealed class ApiKeyVerifier
{
    public const string HeaderName = "x-api-key";

    // Comparing digests makes the comparison independent of the presented key's length as well as its content.
    private readonly byte[] _expectedDigest;

    public ApiKeyVerifier(string apiKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
        _expectedDigest = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
    }

    /// <summary>The key the request presents, or null when it presents none.</summary>
    public static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !StringValues.IsNullOrEmpty(header))
        {
            return header.ToString();
        }
        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? authorization[bearer.Length..].Trim() : null;
    }

    public bool IsValid(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(_expectedDigest, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    public bool Accepts(HttpRequest request) => IsValid(Presented(request));
}
