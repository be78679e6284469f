namespace Longview.Infrastructure.Onnx;

/// <summary>
/// The churn model of manifest <c>churn.logistic</c> computed in managed code: sigmoid(Σ wᵢ (xᵢ − meanᵢ) / stdᵢ + b),
/// the graph the training job exports as <c>churn.onnx</c>, in float32 as ONNX Runtime computes it. An ONNX Runtime
/// call for seven multiply-adds cost more than the arithmetic by two orders of magnitude (0.02-0.04 ms per request,
/// issue 18); the provider only serves this after it agreed with <c>churn.onnx</c> on load (<see cref="LargestDifferenceFrom"/>).
/// </summary>
public sealed class LogisticChurn : IChurnPredictor
{
    /// <summary>Largest difference in probability from <c>churn.onnx</c> accepted on load (float32 rounding is ~1e-7).</summary>
    public const float Tolerance = 1e-5f;

    private readonly float[] _mean;
    private readonly float[] _scale;
    private readonly float[] _weight;
    private readonly float _bias;

    public LogisticChurn(float[] mean, float[] std, float[] weight, float bias)
    {
        if (mean.Length != std.Length || mean.Length != weight.Length)
        {
            throw new ArgumentException($"mean, std and weight must have one entry per feature ({mean.Length}, {std.Length}, {weight.Length})");
        }
        _mean = mean;
        _scale = std;
        _weight = weight;
        _bias = bias;
    }

    public int FeatureCount => _mean.Length;

    public float Predict(ReadOnlySpan<float> features)
    {
        if (features.Length != FeatureCount)
        {
            throw new ArgumentException($"churn model takes {FeatureCount} features, got {features.Length}", nameof(features));
        }
        var logit = 0f;
        for (var i = 0; i < features.Length; i++)
        {
            logit += _weight[i] * ((features[i] - _mean[i]) / _scale[i]);
        }
        logit += _bias;
        return 1f / (1f + MathF.Exp(-logit));
    }

    /// <summary>
    /// The largest difference from <paramref name="reference"/> over probe vectors around the training mean (the mean
    /// itself, ±1 and ±3 standard deviations feature by feature, and zeros), where real users lie.
    /// </summary>
    public float LargestDifferenceFrom(IChurnPredictor reference)
    {
        var probe = new float[FeatureCount];
        var largest = Math.Abs(Predict(probe) - reference.Predict(probe));
        foreach (var k in new[] { 0f, 1f, -1f, 3f, -3f })
        {
            for (var i = 0; i < FeatureCount; i++)
            {
                // Alternate signs across features so the probes do not all push the logit the same way.
                probe[i] = _mean[i] + ((i % 2 == 0 ? k : -k) * _scale[i]);
            }
            largest = Math.Max(largest, Math.Abs(Predict(probe) - reference.Predict(probe)));
        }
        return largest;
    }

    public void Dispose()
    {
    }
}
