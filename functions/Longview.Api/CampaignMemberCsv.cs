using System.Globalization;
using System.Text;
using Longview.Core.Campaigns;
using Longview.Core.Retention;

namespace Longview.Api;

/// <summary>
/// A page of campaign members as CSV for the CRM tool, written with the reports' CSV conventions (<see cref="RetentionCsv"/>:
/// snake_case header, RFC 4180 quoting, formula-safe text): user_id, entered_at, then one <c>message_{key}</c> column per
/// message key (the same on every row).
/// </summary>
public static class CampaignMemberCsv
{
    public static string ToCsv(CampaignDefinition campaign, IReadOnlyList<CampaignMember> members)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(members);
        var keys = campaign.Treatment.Message.Keys.Order(StringComparer.Ordinal).ToList();
        var csv = new StringBuilder();
        csv.AppendJoin(',', new[] { "user_id", "entered_at" }.Concat(keys.Select(k => RetentionCsv.Text("message_" + k)))).Append('\n');
        foreach (var member in members)
        {
            csv.Append(RetentionCsv.Text(member.UserId)).Append(',').Append(member.EnteredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            foreach (var key in keys)
            {
                csv.Append(',').Append(RetentionCsv.Text(campaign.Treatment.Message[key]));
            }
            csv.Append('\n');
        }
        return csv.ToString();
    }
}
