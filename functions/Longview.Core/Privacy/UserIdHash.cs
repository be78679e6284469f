using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Longview.Core.Privacy;

/// <summary>
/// The pseudonym under which a user id may appear in logs at Information and above, and in the erasure log:
/// HMAC-SHA256 keyed by the deployment's salt, truncated hex. Stable for one salt, so an operator can still follow one
/// user across log lines (and hash an id they were given to search for it), but not reversible without the salt.
/// </summary>
public sealed class UserIdHash
{
    /// <summary>Key used when no salt is configured; public, so it only protects against casual reading.</summary>
    public const string UnsaltedKey = "longview-user-id-hash-v1";

    public const int MinHexLength = 8;
    public const int MaxHexLength = 64;

    private readonly byte[] _key;
    private readonly int _hexLength;

    public UserIdHash(IOptions<UserIdHashOptions> options)
        : this(options.Value.UserIdSalt, options.Value.HashHexLength)
    {
    }

    public UserIdHash(string? salt, int hexLength = 16)
    {
        if (hexLength is < MinHexLength or > MaxHexLength)
        {
            throw new ArgumentOutOfRangeException(nameof(hexLength), hexLength, $"{UserIdHashOptions.SectionName}:HashHexLength must be between {MinHexLength} and {MaxHexLength}.");
        }
        IsSalted = !string.IsNullOrEmpty(salt);
        _key = Encoding.UTF8.GetBytes(IsSalted ? salt! : UnsaltedKey);
        _hexLength = hexLength;
    }

    /// <summary>False when no salt was configured (see <see cref="UnsaltedKey"/>).</summary>
    public bool IsSalted { get; }

    public string Of(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(userId), mac);
        return Convert.ToHexStringLower(mac)[.._hexLength];
    }
}
