using Longview.Core.Profiles;
using Longview.Core.Retention;

namespace Longview.Core.Lifecycle;

/// <summary>
/// Where lifecycle segments take churn risk from: the promoted churn model when one is loaded, the transparent
/// recency/frequency score otherwise. One scorer serves one pass over the profiles so the whole report uses one source.
/// </summary>
public interface IChurnRiskSource
{
    /// <summary>A scorer for risks as of the end of UTC day <paramref name="asOf"/>; dispose it after the pass.</summary>
    IChurnRiskScorer Open(DateOnly asOf);
}

/// <summary>Churn risk of users on one as-of day, from one source.</summary>
public interface IChurnRiskScorer : IDisposable
{
    /// <summary>What the risks come from, as the segment report shows it: a model version or "recency-frequency".</summary>
    string Source { get; }

    /// <summary>
    /// Risk in [0, 1]. <paramref name="profile"/> is null when only the activity projection is at hand; a model
    /// scorer needs the profile (its features count events), the recency/frequency score does not.
    /// </summary>
    double Score(UserProfile? profile, UserActivity activity);
}
