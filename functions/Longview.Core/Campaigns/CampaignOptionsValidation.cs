using Longview.Core.Experiments;
using Longview.Core.Lifecycle.Scoring;
using Longview.Core.Lifecycle.Segments;
using Longview.Core.Serving.Segments;
using Microsoft.Extensions.Options;

namespace Longview.Core.Campaigns;

/// <summary>
/// The rules a campaign list must satisfy before either host starts; each failure names the setting and why. The id,
/// window and weights rules are the experiments' (<see cref="DefinitionRules"/>).
/// </summary>
public sealed class CampaignOptionsValidation : IValidateOptions<CampaignOptions>
{
    public const int MaxMessageEntries = 16;

    private static readonly string[] StageNames = [.. Enum.GetValues<Lifecycle.LifecycleSegment>().Select(s => s.ToWireName())];

    private static readonly string[] TierNames = [.. Enum.GetValues<RfmTier>().Select(SegmentNames.TierWireName)];

    public ValidateOptionsResult Validate(string? name, CampaignOptions options)
    {
        var failures = Problems(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static IEnumerable<string> Problems(CampaignOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Definitions.Count; i++)
        {
            var path = $"{CampaignOptions.SectionName}:Definitions:{i}";
            var campaign = options.Definitions[i];
            if (DefinitionRules.IdProblem(campaign.Id) is { } idProblem)
            {
                yield return $"{path}:Id: {idProblem}";
            }
            else if (!ids.Add(campaign.Id))
            {
                yield return $"{path}:Id: '{campaign.Id}' is already the id of another campaign";
            }
            if (DefinitionRules.WindowProblem(path, campaign.Start, campaign.End) is { } windowProblem)
            {
                yield return windowProblem;
            }
            if (!double.IsFinite(campaign.HoldoutShare) || campaign.HoldoutShare <= 0 || campaign.HoldoutShare >= 1)
            {
                yield return $"{path}:HoldoutShare: must be in (0, 1) (a campaign without a holdout has no result), was {campaign.HoldoutShare}";
            }
            foreach (var problem in AudienceProblems($"{path}:Audience", campaign.Audience))
            {
                yield return problem;
            }
            if (campaign.Treatment.Message.Count > MaxMessageEntries)
            {
                yield return $"{path}:Treatment:Message: at most {MaxMessageEntries} entries, got {campaign.Treatment.Message.Count}";
            }
            if (campaign.Treatment.Weights is { } weights && DefinitionRules.WeightsProblem(weights) is { } weightsProblem)
            {
                yield return $"{path}:Treatment:Weights:{weightsProblem}";
            }
        }
    }

    private static IEnumerable<string> AudienceProblems(string path, CampaignAudienceOptions audience)
    {
        if (!(audience.MinChurnRisk >= 0 && audience.MaxChurnRisk <= 1 && audience.MinChurnRisk <= audience.MaxChurnRisk))
        {
            yield return $"{path}: MinChurnRisk and MaxChurnRisk must satisfy 0 <= min <= max <= 1, were {audience.MinChurnRisk} and {audience.MaxChurnRisk}";
        }
        foreach (var (band, min, max) in new[]
                 {
                     ("ValueAtRisk", audience.MinValueAtRisk, audience.MaxValueAtRisk),
                     ("PredictedValue", audience.MinPredictedValue, audience.MaxPredictedValue),
                 })
        {
            if (min is { } lo && (!double.IsFinite(lo) || lo < 0) || max is { } hi && (!double.IsFinite(hi) || hi < 0))
            {
                yield return $"{path}: Min{band} and Max{band} must be finite and >= 0, were {min?.ToString() ?? "unset"} and {max?.ToString() ?? "unset"}";
            }
            else if (min > max)
            {
                yield return $"{path}: Min{band} ({min}) must not exceed Max{band} ({max})";
            }
        }
        foreach (var segment in audience.Segments.Where(s => !StageNames.Contains(s)))
        {
            yield return $"{path}:Segments: '{segment}' is not a lifecycle segment ({string.Join(", ", StageNames)})";
        }
        foreach (var tier in audience.RfmTiers.Where(t => !TierNames.Contains(t) && !TierNames.Any(n => SegmentNames.Rfm(n) == t)))
        {
            yield return $"{path}:RfmTiers: '{tier}' is not an RFM tier ({string.Join(", ", TierNames)})";
        }
    }
}
