namespace Longview.Core.Campaigns;

/// <summary>
/// A win-back campaign: from <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive) the users its audience
/// includes enter it; a salted hash of the user id holds out <see cref="HoldoutShare"/> of them (they get the product as
/// usual), the rest get <see cref="Treatment"/>. Results compare the two arms.
/// </summary>
public sealed class CampaignDefinition
{
    /// <summary>Lowercase letters, digits and '-', 1-40 characters.</summary>
    public string Id { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>The hash salt of the holdout; defaults to "campaign:" + the id (independent of every experiment).</summary>
    public string? Salt { get; set; }

    public DateTimeOffset Start { get; set; }

    public DateTimeOffset End { get; set; }

    /// <summary>Share of the audience held out, in (0, 1); default 10%.</summary>
    public double HoldoutShare { get; set; } = 0.1;

    public CampaignAudienceOptions Audience { get; set; } = new();

    public CampaignTreatment Treatment { get; set; } = new();

    public string EffectiveSalt => string.IsNullOrEmpty(Salt) ? "campaign:" + Id : Salt;

    /// <summary>The key of the campaign's entries in the exposure log (apart from every experiment id, which has no ':').</summary>
    public string LogKey => "campaign:" + Id;

    public bool IsRunningAt(DateTimeOffset time) => time >= Start && time < End;
}
