using Longview.Core.Profiles;
using Longview.Core.Retention;
using Longview.Core.Serving.Churn;
using Longview.Core.Serving.Models;

namespace Longview.Core.Lifecycle;

/// <summary>
/// Churn risk from the promoted model's <c>churn.onnx</c>: one lease is held for the whole pass (a promotion during
/// the job does not mix versions in one report), features are computed as of the report's as-of day exactly as
/// training and serving compute them. Without a loaded model, or with a version that has no churn model, the
/// recency/frequency score is used and the report says so.
/// </summary>
public sealed class ModelChurnRiskSource : IChurnRiskSource
{
    private readonly IModelSource _models;
    private readonly RecencyFrequencyChurnRiskSource _fallback;

    public ModelChurnRiskSource(IModelSource models, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(models);
        _models = models;
        _fallback = new RecencyFrequencyChurnRiskSource(options);
    }

    public IChurnRiskScorer Open(DateOnly asOf)
    {
        var lease = _models.Acquire();
        if (lease is null)
        {
            return _fallback.Open(asOf);
        }
        if (lease.ChurnFeatures.Count == 0)
        {
            lease.Dispose();
            return _fallback.Open(asOf);
        }
        return new Scorer(lease, _fallback.Open(asOf), asOf);
    }

    private sealed class Scorer(IModelLease lease, IChurnRiskScorer fallback, DateOnly asOf) : IChurnRiskScorer
    {
        private readonly float[] _features = new float[lease.ChurnFeatures.Count];

        public string Source => lease.Version;

        public double Score(UserProfile? profile, UserActivity activity)
        {
            ArgumentNullException.ThrowIfNull(activity);
            if (profile is null)
            {
                throw new ArgumentNullException(nameof(profile), $"the churn model of {lease.Version} needs the user's profile (its features count events)");
            }
            ChurnFeatures.Fill(profile, asOf, lease.ChurnFeatures, _features);
            var p = lease.PredictChurn(_features);
            // A non-finite output is a broken model, not a risk; that user gets the transparent score instead.
            return float.IsFinite(p) ? Math.Clamp(p, 0, 1) : fallback.Score(profile, activity);
        }

        public void Dispose()
        {
            lease.Dispose();
            fallback.Dispose();
        }
    }
}
