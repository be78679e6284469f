using Longview.Core.Events;
using Longview.Core.Import;
using Longview.Core.Retention;
using Longview.Core.Tests.Retention;

namespace Longview.Core.Tests.Churn;

/// <summary>
/// The four shared datasets of the churn table read straight into activity through Core's line parsers, as
/// <c>./dev cli churn --dataset</c> reads them (events before the contract's MinTimestamp left out).
/// </summary>
internal static class ChurnDatasets
{
    public static readonly string[] Names = ["cdnow", "ml-1m", "lastfm", "amazon"];

    public static string File(string name) => Path.Combine(CrossCheckEnvironment.SharedData(), name switch
    {
        "cdnow" => Path.Combine("cdnow", "CDNOW_sample.txt"),
        "ml-1m" => Path.Combine("ml-1m", "ratings.dat"),
        "lastfm" => Path.Combine("lastfm-hetrec2011", "user_taggedartists.dat"),
        "amazon" => Path.Combine("amazon-musical-instruments-5core", "Musical_Instruments.json"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a churn dataset"),
    });

    public static bool AllPresent => Names.All(n => System.IO.File.Exists(File(n)));

    public static IReadOnlyList<UserActivity> Read(string name)
    {
        var limits = new EventLimits();
        IDatasetFormat? lineFormat = name switch
        {
            "cdnow" => new CdnowFormat(),
            "ml-1m" => new MovieLens1MFormat(),
            _ => null,
        };
        var collector = new UserActivityCollector();
        var index = 0;
        foreach (var line in System.IO.File.ReadLines(File(name), lineFormat?.Encoding ?? System.Text.Encoding.UTF8))
        {
            index++;
            if (line.Length == 0 || (name == "lastfm" && index == 1 && LastFmTaggingFormat.IsHeader(line)))
            {
                continue;
            }
            UserEvent? parsed = name switch
            {
                "lastfm" => LastFmTaggingFormat.TryParse(line, index, out var e, out _) ? e : null,
                "amazon" => AmazonReviewsFormat.TryParse(line, index, out var e, out _) ? e : null,
                _ => lineFormat!.ParseEvent(line, index).Value,
            };
            if (parsed is not null && parsed.Timestamp >= limits.MinTimestamp)
            {
                collector.Add(parsed);
            }
        }
        return [.. collector.Activities()];
    }
}

/// <summary>A fact skipped, with the reason, where any of the four churn datasets is absent.</summary>
public sealed class ChurnDatasetsFactAttribute : FactAttribute
{
    public ChurnDatasetsFactAttribute()
    {
        if (!ChurnDatasets.AllPresent)
        {
            Skip = $"churn datasets not all found under {CrossCheckEnvironment.SharedData()} (set LONGVIEW_SHARED_DATA)";
        }
    }
}
