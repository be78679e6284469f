using Longview.Core.Ranking;

namespace Longview.Core.Campaigns;

/// <summary>
/// What treated members get: a ranking override while they are in the audience (e.g. more exploration and fresh items:
/// a higher <see cref="RankingWeights.ExplorationShare"/> and <see cref="RankingWeights.Novelty"/>) and an optional
/// message payload exported with the members for the outbound channel (CRM, e-mail, push).
/// </summary>
public sealed class CampaignTreatment
{
    public RankingWeights? Weights { get; set; }

    /// <summary>Free key/value pairs for the outbound channel (template id, subject, deep link); at most 16.</summary>
    public Dictionary<string, string> Message { get; set; } = [];
}
