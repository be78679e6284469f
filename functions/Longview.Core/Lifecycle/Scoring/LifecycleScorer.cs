using Longview.Core.Lifecycle.Churn;
using Longview.Core.Lifecycle.Segments;
using Longview.Core.Profiles;

namespace Longview.Core.Lifecycle.Scoring;

/// <summary>
/// Scores one profile with a day's <see cref="LifecycleModel"/>: the same code for the job's member lists and for the
/// per-user route, so a user reads the same risk, reasons and value in both. Without a model (before the first job) or
/// without one of its parts, the transparent recency/frequency risk is used and value fields are zero, and the answer
/// says which source was used.
/// </summary>
public sealed class LifecycleScorer
{
    public const string LogisticSource = "lifecycle-logistic";

    private readonly LifecycleModel? _model;
    private readonly LifecycleOptions _lifecycle;
    private readonly LifecycleClassifier _classifier;
    private readonly RecencyFrequencyChurnScore _fallback;
    private readonly LogisticChurnModel? _churn;
    private readonly Standardisation? _groupScaling;
    private readonly int _reasons;

    public LifecycleScorer(LifecycleModel? model, LifecycleOptions lifecycle, int reasons = 3)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        _model = model;
        _lifecycle = lifecycle;
        _classifier = new LifecycleClassifier(lifecycle);
        _fallback = new RecencyFrequencyChurnScore(lifecycle);
        _churn = model?.Churn?.ToModel();
        _groupScaling = model?.Groups is { } g ? Standardisation.FromParameters(g.Mean, g.Scale) : null;
        _reasons = reasons;
    }

    /// <summary>Where the risks come from: the logistic model of the model's day, or the recency/frequency score.</summary>
    public string RiskSource => _churn is not null && _model is not null
        ? $"{LogisticSource} {_model.AsOf:yyyy-MM-dd}"
        : RecencyFrequencyChurnRiskSource.SourceName;

    /// <summary>The user's lifecycle as of <paramref name="asOf"/>; null when the profile has no activity by then.</summary>
    public UserLifecycle? Score(UserProfile profile, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return UserSnapshot.Of(profile, asOf) is { } user ? Score(user) : null;
    }

    public UserLifecycle Score(UserSnapshot user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var churn = user.Churn;
        var activityAlive = _model?.Activity?.ProbabilityAlive(churn.History) ?? 1;
        var risk = Math.Clamp(_churn?.Predict(churn.Vector(activityAlive)) ?? _fallback.Score(user.Activity, user.AsOf), 0, 1);
        var stage = _classifier.Classify(user.Activity, user.AsOf, risk) ?? LifecycleSegment.New;
        var atRisk = risk > _lifecycle.ChurnRiskThreshold && stage != LifecycleSegment.Churned;
        var reasons = _churn is not null
            ? ChurnReasons.FromModel(_churn, churn, activityAlive, atRisk, _reasons)
            : ChurnReasons.FromRecencyFrequency(churn, _lifecycle);
        var (alive, expected, predicted) = Value(user, activityAlive);
        var basis = _model?.Basis ?? ValueBasis.ActiveDays;
        var rfm = (_model?.Rfm ?? RfmCuts.Fit([])).Score(LifecycleFitting.RfmValues(user, basis));
        return new UserLifecycle(
            user.UserId,
            user.AsOf,
            SegmentNames.Stage(stage),
            risk,
            RiskSource,
            atRisk,
            reasons,
            alive,
            basis == ValueBasis.Purchases ? "purchases" : "active_days",
            _model?.HorizonDays ?? 0,
            expected,
            predicted,
            predicted * risk,
            user.Revenue,
            new RfmView(rfm.Recency, rfm.Frequency, rfm.Monetary, SegmentNames.TierWireName(rfm.Tier)),
            Group(user),
            user.LifespanDays,
            churn.RecencyDays,
            user.Activity.FirstSeenDay,
            user.AsOf.AddDays(-churn.RecencyDays),
            _model?.AsOf);
    }

    private (double Alive, double Expected, double Predicted) Value(UserSnapshot user, double activityAlive)
    {
        if (_model?.Value is not { } value)
        {
            return (activityAlive, 0, 0);
        }
        var weeks = _model.HorizonDays / 7.0;
        if (_model.Basis == ValueBasis.ActiveDays)
        {
            var expectedDays = value.ExpectedPurchases(user.Churn.History, weeks);
            return (value.ProbabilityAlive(user.Churn.History), expectedDays, expectedDays);
        }
        if (user.Purchases is not { } history)
        {
            // Never bought: no purchase process to extrapolate, so no predicted value; alive from the visits.
            return (activityAlive, 0, 0);
        }
        var expected = value.ExpectedPurchases(history, weeks);
        var spend = _model.Spend?.ExpectedSpend(history.Frequency, history.MonetaryValue) ?? _model.MeanSpend;
        return (value.ProbabilityAlive(history), expected, expected * spend);
    }

    private GroupView? Group(UserSnapshot user)
    {
        if (_model?.Groups is not { } groups || _groupScaling is null)
        {
            return null;
        }
        var g = BehaviouralGroups.Nearest(_groupScaling, groups.Centroids, user.GroupFeatures());
        return new GroupView(g + 1, groups.Descriptions[g]);
    }
}
