using System.Text.RegularExpressions;
using Longview.Core.Serving.Segments;
using Microsoft.Extensions.Options;

namespace Longview.Core.Campaigns;

/// <summary>The rules a campaign list must satisfy before either host starts; each failure names the setting and why.</summary>
public sealed partial class CampaignOptionsValidation : IValidateOptions<CampaignOptions>
{
    public const int MaxMessageEntries = 16;

    private static readonly string[] SegmentNames = [.. Enum.GetValues<Lifecycle.LifecycleSegment>().Select(s => s.ToWireName())];

    public ValidateOptionsResult Validate(string? name, CampaignOptions options)
    {
        var failures = Problems(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static IEnumerable<string> Problems(CampaignOptions options)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Definitions.Count; i++)
        {
            var path = $"{CampaignOptions.SectionName}:Definitions:{i}";
            var campaign = options.Definitions[i];
            if (!IdPattern().IsMatch(campaign.Id))
            {
                yield return $"{path}:Id: must be 1-40 lowercase letters, digits or '-', was '{campaign.Id}'";
            }
            else if (!ids.Add(campaign.Id))
            {
                yield return $"{path}:Id: '{campaign.Id}' is already the id of another campaign";
            }
            if (campaign.Start == default || campaign.End == default)
            {
                yield return $"{path}: Start and End are required (ISO-8601 with an offset)";
            }
            else if (campaign.End <= campaign.Start)
            {
                yield return $"{path}:End: must be after Start ({campaign.Start:O}), was {campaign.End:O}";
            }
            if (!double.IsFinite(campaign.HoldoutShare) || campaign.HoldoutShare <= 0 || campaign.HoldoutShare >= 1)
            {
                yield return $"{path}:HoldoutShare: must be in (0, 1) (a campaign without a holdout has no result), was {campaign.HoldoutShare}";
            }
            var audience = campaign.Audience;
            if (!(audience.MinChurnRisk >= 0 && audience.MaxChurnRisk <= 1 && audience.MinChurnRisk <= audience.MaxChurnRisk))
            {
                yield return $"{path}:Audience: MinChurnRisk and MaxChurnRisk must satisfy 0 <= min <= max <= 1, were {audience.MinChurnRisk} and {audience.MaxChurnRisk}";
            }
            foreach (var segment in audience.Segments.Where(s => !SegmentNames.Contains(s)))
            {
                yield return $"{path}:Audience:Segments: '{segment}' is not a lifecycle segment ({string.Join(", ", SegmentNames)})";
            }
            if (campaign.Treatment.Message.Count > MaxMessageEntries)
            {
                yield return $"{path}:Treatment:Message: at most {MaxMessageEntries} entries, got {campaign.Treatment.Message.Count}";
            }
            if (campaign.Treatment.Weights is { } weights && (weights.ExplorationShare is < 0 or > 1 || weights.MaxExplorationShare is < 0 or > 1))
            {
                yield return $"{path}:Treatment:Weights: ExplorationShare and MaxExplorationShare must be in [0, 1]";
            }
        }
    }

    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    private static partial Regex IdPattern();
}
