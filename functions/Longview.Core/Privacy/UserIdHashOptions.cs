using System.ComponentModel.DataAnnotations;

namespace Longview.Core.Privacy;

/// <summary>How user ids are pseudonymised in logs and in the erasure log (configuration section "Longview:Security").</summary>
public sealed class UserIdHashOptions
{
    public const string SectionName = "Longview:Security";

    /// <summary>
    /// Per-deployment secret key of the HMAC. Without it the hash is keyed by a public constant, which hides ids from a
    /// casual reader but not from someone who can guess them; production must set it (a Key Vault reference).
    /// </summary>
    public string? UserIdSalt { get; set; }

    /// <summary>Hex characters kept of the 64-character HMAC-SHA256 (16 = 64 bits: enough to tell users apart in logs).</summary>
    [Range(UserIdHash.MinHexLength, UserIdHash.MaxHexLength)]
    public int HashHexLength { get; set; } = 16;
}
