namespace Longview.Infrastructure.Onnx;

/// <summary>A loaded churn model: raw features in the manifest's order in, the probability of churning out.</summary>
public interface IChurnPredictor : IDisposable
{
    int FeatureCount { get; }

    float Predict(ReadOnlySpan<float> features);
}
