using Longview.Core.Experiments;
using Longview.Core.Lifecycle;
using Longview.Core.Ports;
using Longview.Core.Serving;
using Longview.Core.Serving.Segments;
using Microsoft.Extensions.Options;

namespace Longview.Core.Campaigns;

/// <summary>
/// Enters today's audience of a running campaign: streams every profile once, classifies it as serving does (the same
/// lifecycle rules, the deployment's churn-risk source), and records each included user in the exposure log under the
/// campaign's key with their arm (first entry wins: a member stays a member for the whole window). Lapsing users rarely
/// ask for recommendations, so entry cannot wait for a request; serving records the same entries when they do.
/// Memory: one page of entries.
/// </summary>
public sealed class CampaignEnrolment(
    IProfileStore profiles, CampaignTargeting campaigns, IExperimentExposureLog entries, IChurnRiskSource churnRisk,
    IOptions<RecommendationOptions> serving, TimeProvider time)
{
    private const int PageSize = 500;

    public async Task<CampaignEnrolmentReport> EnrolAsync(CampaignDefinition campaign, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (!campaign.IsRunningAt(now))
        {
            return new CampaignEnrolmentReport(campaign.Id, now, Running: false, 0, 0, 0);
        }
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var classifier = new LifecycleClassifier(serving.Value.Lifecycle);
        var audience = campaigns.AudienceOf(campaign);
        using var scorer = churnRisk.Open(today);
        var page = new List<ExperimentExposure>(PageSize);
        long scanned = 0, treated = 0, held = 0;
        await foreach (var profile in profiles.ScanAsync(cancellationToken).ConfigureAwait(false))
        {
            scanned++;
            if (ProfileLifecycle.Activity(profile) is not { } activity)
            {
                continue;
            }
            var risk = Math.Clamp(scorer.Score(profile, activity), 0, 1);
            var segment = ProfileLifecycle.Classify(classifier, profile, today, risk);
            if (!audience.Includes(new AudienceMember(profile, today, segment, risk)))
            {
                continue;
            }
            var arm = CampaignArm.Of(campaign, profile.UserId);
            _ = arm == CampaignArm.Treatment ? treated++ : held++;
            page.Add(new ExperimentExposure(campaign.LogKey, profile.UserId, arm, now));
            if (page.Count == PageSize)
            {
                await entries.RecordAsync(page, cancellationToken).ConfigureAwait(false);
                page.Clear();
            }
        }
        await entries.RecordAsync(page, cancellationToken).ConfigureAwait(false);
        return new CampaignEnrolmentReport(campaign.Id, now, Running: true, scanned, treated, held);
    }
}
