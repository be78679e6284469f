using System.Globalization;
using Longview.Core.Lifecycle.Churn;

namespace Longview.Core.Lifecycle.Scoring;

/// <summary>
/// A user's churn risk in words, from the logistic model's feature contributions (w_j · z_j: how far this user's feature
/// pushes the log-odds of churning away from an average user's): for a user at risk the features pushing toward churn,
/// largest first, otherwise those holding the user, each stated with the user's own value.
/// </summary>
public static class ChurnReasons
{
    /// <summary>The order of <see cref="ChurnFeatures.Vector"/>.</summary>
    private enum Feature { Recency, Tenure, Active7, Active30, Active90, ActiveTotal, ProbabilityAlive }

    public static IReadOnlyList<string> FromModel(LogisticChurnModel model, ChurnFeatures features, double probabilityAlive, bool atRisk, int count)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        var contributions = model.Contributions(features.Vector(probabilityAlive));
        var sign = atRisk ? 1 : -1;
        return [.. contributions
            .Select((c, j) => (Push: sign * c, Feature: (Feature)j))
            .Where(c => c.Push > 0)
            .OrderByDescending(c => c.Push)
            .Take(count)
            .Select(c => Words(c.Feature, features, probabilityAlive))];
    }

    /// <summary>Without a fitted model, the two terms of the transparent recency/frequency score.</summary>
    public static IReadOnlyList<string> FromRecencyFrequency(ChurnFeatures features, LifecycleOptions options)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            Words(Feature.Recency, features, 1),
            Count(SortedActiveDays(features, options.ScoreFrequencyWindowDays), options.ScoreFrequencyWindowDays),
        ];
    }

    private static int SortedActiveDays(ChurnFeatures features, int window) => window switch
    {
        <= 7 => features.ActiveDays7,
        <= 30 => features.ActiveDays30,
        _ => features.ActiveDays90,
    };

    private static string Words(Feature feature, ChurnFeatures f, double probabilityAlive) => feature switch
    {
        Feature.Recency => f.RecencyDays == 0 ? "active today" : string.Create(CultureInfo.InvariantCulture, $"inactive {f.RecencyDays} {Days(f.RecencyDays)}"),
        Feature.Tenure => string.Create(CultureInfo.InvariantCulture, $"first seen {f.TenureDays} {Days(f.TenureDays)} ago"),
        Feature.Active7 => Count(f.ActiveDays7, 7),
        Feature.Active30 => Count(f.ActiveDays30, 30),
        Feature.Active90 => Count(f.ActiveDays90, 90),
        Feature.ActiveTotal => string.Create(CultureInfo.InvariantCulture, $"{f.ActiveDaysTotal} active {Days(f.ActiveDaysTotal)} in all"),
        Feature.ProbabilityAlive => string.Create(CultureInfo.InvariantCulture, $"P(alive) {probabilityAlive:0.00} from the visit pattern"),
        _ => throw new ArgumentOutOfRangeException(nameof(feature), feature, "unknown churn feature"),
    };

    private static string Count(int days, int window) =>
        string.Create(CultureInfo.InvariantCulture, $"{days} active {Days(days)} in the last {window}");

    private static string Days(int n) => n == 1 ? "day" : "days";
}
