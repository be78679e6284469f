namespace Longview.Core.Serving.Churn;

/// <summary>
/// The churn model's features. Wire names and definitions are the training job's (training/longview_training/churn.py);
/// the manifest lists them in the order the model takes them.
/// </summary>
public enum ChurnFeature
{
    Log1pDaysSinceLastActive,
    Log1pDaysSinceFirstSeen,
    ActiveDays7d,
    ActiveDays30d,
    ActiveDays90d,
    Log1pEvents30d,
    Log1pEventsTotal,
}

public static class ChurnFeatureNames
{
    private static readonly string[] WireNames =
    [
        "log1p_days_since_last_active",
        "log1p_days_since_first_seen",
        "active_days_7d",
        "active_days_30d",
        "active_days_90d",
        "log1p_events_30d",
        "log1p_events_total",
    ];

    public static IReadOnlyList<string> All => WireNames;

    public static string ToWireName(this ChurnFeature feature) => WireNames[(int)feature];

    public static bool TryParse(string wireName, out ChurnFeature feature)
    {
        var index = Array.IndexOf(WireNames, wireName);
        feature = (ChurnFeature)Math.Max(index, 0);
        return index >= 0;
    }
}
