using System.Globalization;
using Longview.Core.Retention;

namespace Longview.Core.Lifecycle.Members;

/// <summary>Member rows as CSV for a CRM tool (same conventions as the report CSVs; reasons joined by "; ").</summary>
public static class MemberCsv
{
    public const string Header = "user_id,segment,churn_risk,value_at_risk,predicted_value,probability_alive,revenue,rfm_tier,group,days_since_last_active,reasons";

    public static void Write(TextWriter writer, SegmentMember m)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(m);
        writer.Write(string.Create(CultureInfo.InvariantCulture,
            $"{RetentionCsv.Text(m.UserId)},{m.Segment},{RetentionCsv.Rate(m.ChurnRisk)},{RetentionCsv.Rate(m.ValueAtRisk)},{RetentionCsv.Rate(m.PredictedValue)},{RetentionCsv.Rate(m.ProbabilityAlive)},{RetentionCsv.Rate(m.Revenue)},{m.RfmTier},{m.Group},{m.DaysSinceLastActive},{RetentionCsv.Text(string.Join("; ", m.Reasons))}\n"));
    }

    public static string ToCsv(IEnumerable<SegmentMember> members, bool header = true)
    {
        ArgumentNullException.ThrowIfNull(members);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        if (header)
        {
            writer.Write(Header + "\n");
        }
        foreach (var m in members)
        {
            Write(writer, m);
        }
        return writer.ToString();
    }
}
