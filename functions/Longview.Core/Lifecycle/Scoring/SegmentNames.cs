using System.Text.Json;
using Longview.Core.Lifecycle.Segments;
using Longview.Core.Serving.Segments;

namespace Longview.Core.Lifecycle.Scoring;

/// <summary>
/// The one naming of segments in routes, lists and reports: lifecycle stages by their wire names ("at_risk"), RFM tiers
/// prefixed "rfm_" ("rfm_cant_lose"), behavioural groups "group_1"...
/// </summary>
public static class SegmentNames
{
    public const int MaxLength = 64;

    public static string Stage(LifecycleSegment segment) => segment.ToWireName();

    public static string Rfm(RfmTier tier) => "rfm_" + JsonNamingPolicy.SnakeCaseLower.ConvertName(tier.ToString());

    public static string Rfm(string tierWireName) => "rfm_" + tierWireName;

    public static string Group(int number) => "group_" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string TierWireName(RfmTier tier) => JsonNamingPolicy.SnakeCaseLower.ConvertName(tier.ToString());

    /// <summary>Whether <paramref name="name"/> is shaped like a segment name (lowercase letters, digits, underscores).</summary>
    public static bool IsWellFormed(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');
}
