using System.Globalization;

namespace Longview.Core.Lifecycle.Members;

/// <summary>
/// Where the lifecycle job keeps its files, in the blob container <c>lifecycle</c>: per as-of day the fitted model, the
/// manifest, each segment's list as pages of JSON lines, and the at-risk list as one CSV and one JSON download;
/// <c>latest.json</c> names the newest complete day.
/// </summary>
public static class LifecycleBlobs
{
    public const string Container = "lifecycle";
    public const string Latest = "latest.json";
    public const string AtRiskSegment = "at_risk";

    public static string Day(DateOnly asOf) => asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Model(DateOnly asOf) => $"{Day(asOf)}/model.json";

    public static string Manifest(DateOnly asOf) => $"{Day(asOf)}/manifest.json";

    public static string Page(DateOnly asOf, string segment, int page) =>
        string.Create(CultureInfo.InvariantCulture, $"{Day(asOf)}/segments/{segment}/{page:D6}.jsonl");

    public static string Run(DateOnly asOf, int run) => string.Create(CultureInfo.InvariantCulture, $"{Day(asOf)}/runs/{run:D4}.jsonl");

    /// <summary>A retention report kind restricted to one segment's users (the routes' <c>?segment=</c>).</summary>
    public static string SegmentReport(DateOnly asOf, string segment, string kind) => $"{Day(asOf)}/retention/{segment}/{kind}.json";

    public static string AtRiskDownload(DateOnly asOf, string extension) => $"{Day(asOf)}/at-risk.{extension}";
}
