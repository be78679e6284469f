using Longview.Core.Experiments;
using Longview.Core.Lifecycle.Members;
using Longview.Core.Lifecycle.Scoring;
using Longview.Core.Profiles;
using Longview.Core.Ranking;
using Microsoft.Extensions.Options;

namespace Longview.Core.Campaigns;

/// <summary>
/// The campaigns' side of serving and enrolment. Invariant: whether a user is in a campaign is decided by one function,
/// <see cref="Includes"/> over <see cref="Member"/> (the lifecycle job's per-user scoring with the newest model, the
/// same as <c>GET /api/users/{id}/lifecycle</c>), so serving and the enrolment pass give the same user the same answer;
/// the arm depends only on the campaign's salt and the user id, so enrolment, serving and the members export agree on it.
/// </summary>
public sealed class CampaignTargeting(IOptions<CampaignOptions> options, ICampaignAudienceProvider audiences, LifecycleReader lifecycle, TimeProvider time)
{
    /// <summary>How long a loaded lifecycle model is used before the newest day is looked up again.</summary>
    public static readonly TimeSpan ModelRefreshInterval = TimeSpan.FromMinutes(1);

    private readonly IReadOnlyList<(CampaignDefinition Campaign, ICampaignAudience Audience)> _campaigns =
        [.. options.Value.Definitions.Select(c => (c, audiences.For(c)))];

    // One reference, swapped whole: a request scores with either the old model or the new one, never a mix.
    private volatile LoadedScorer? _scorer;

    private sealed record LoadedScorer(LifecycleModel? Model, LifecycleScorer Scorer, DateTimeOffset LoadedAt);

    public IReadOnlyList<CampaignDefinition> Definitions => [.. _campaigns.Select(c => c.Campaign)];

    public CampaignDefinition? Find(string campaignId) => _campaigns.FirstOrDefault(c => c.Campaign.Id == campaignId).Campaign;

    /// <summary>
    /// Loads the newest lifecycle model when none is loaded or the loaded one is older than
    /// <see cref="ModelRefreshInterval"/>; a no-op without campaigns (serving calls it on every request).
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_campaigns.Count == 0 || _scorer is { } loaded && now - loaded.LoadedAt < ModelRefreshInterval)
        {
            return;
        }
        var model = await lifecycle.LatestModelAsync(cancellationToken).ConfigureAwait(false);
        _scorer = _scorer is { } current && current.Model == model
            ? current with { LoadedAt = now }
            : new LoadedScorer(model, lifecycle.ScorerFor(model), now);
    }

    /// <summary>The user's lifecycle as audiences see it; null without activity. Scored with the loaded model (none before <see cref="RefreshAsync"/>).</summary>
    public UserLifecycle? Member(UserProfile profile, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var loaded = _scorer ??= new LoadedScorer(null, lifecycle.ScorerFor(null), DateTimeOffset.MinValue);
        return loaded.Scorer.Score(profile, LifecycleReader.ScoringDay(loaded.Model, today));
    }

    /// <summary>The one membership decision: the campaign runs at <paramref name="now"/> and its audience includes the user.</summary>
    public bool Includes(CampaignDefinition campaign, UserLifecycle? member, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return member is not null && campaign.IsRunningAt(now) && AudienceOf(campaign).Includes(member);
    }

    /// <summary>The assignments of the running campaigns whose audience includes the user, and the first treated override.</summary>
    public (IReadOnlyList<ExperimentAssignment> Assignments, RankingWeights? Weights) Target(UserProfile? profile, DateTimeOffset now)
    {
        if (profile is null || !_campaigns.Any(c => c.Campaign.IsRunningAt(now)))
        {
            return ([], null);
        }
        var member = Member(profile, DateOnly.FromDateTime(now.UtcDateTime));
        List<ExperimentAssignment>? assignments = null;
        RankingWeights? weights = null;
        foreach (var (campaign, _) in _campaigns)
        {
            if (!Includes(campaign, member, now))
            {
                continue;
            }
            var arm = CampaignArm.Of(campaign, profile.UserId);
            (assignments ??= []).Add(new ExperimentAssignment(campaign.LogKey, arm));
            if (arm == CampaignArm.Treatment)
            {
                weights ??= campaign.Treatment.Weights;
            }
        }
        return (assignments ?? [], weights);
    }

    private ICampaignAudience AudienceOf(CampaignDefinition campaign) => _campaigns.First(c => c.Campaign == campaign).Audience;
}
