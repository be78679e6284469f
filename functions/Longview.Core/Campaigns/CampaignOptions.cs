namespace Longview.Core.Campaigns;

/// <summary>
/// The campaigns of a deployment, from configuration (section <c>Longview:Campaigns</c>), for the same reasons as
/// experiments (see Experiments/README.md): every instance must treat a member alike, and a running campaign's holdout
/// must not change under it. Checked at start-up by <see cref="CampaignOptionsValidation"/>.
/// </summary>
public sealed class CampaignOptions
{
    public const string SectionName = "Longview:Campaigns";

    public List<CampaignDefinition> Definitions { get; set; } = [];
}
