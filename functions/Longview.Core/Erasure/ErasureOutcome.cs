namespace Longview.Core.Erasure;

/// <summary>What one erasure removed; <see cref="Found"/> is false when the product held nothing about the user.</summary>
public sealed record ErasureOutcome(bool ProfileDeleted, int DeadLettersDeleted)
{
    public bool Found => ProfileDeleted || DeadLettersDeleted > 0;
}
