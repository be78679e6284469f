using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;

namespace Longview.Infrastructure.Onnx;

/// <summary>Runs <c>churn.onnx</c> (<c>features</c> float [1, F] -> <c>churn</c> float [1, 1]) with pooled buffers.</summary>
public sealed class ChurnScorer : IChurnPredictor
{
    public const string InputName = "features";
    public const string OutputName = "churn";

    private readonly InferenceSession _session;
    private readonly ConcurrentBag<Worker> _idle = [];
    private readonly ConcurrentBag<Worker> _all = [];

    public ChurnScorer(InferenceSession session, int featureCount)
    {
        _session = session;
        FeatureCount = featureCount;
    }

    public int FeatureCount { get; }

    public float Predict(ReadOnlySpan<float> features)
    {
        if (features.Length != FeatureCount)
        {
            throw new ArgumentException($"churn model takes {FeatureCount} features, got {features.Length}", nameof(features));
        }
        if (!_idle.TryTake(out var worker))
        {
            worker = new Worker(FeatureCount);
            _all.Add(worker);
        }
        try
        {
            features.CopyTo(worker.Input);
            _session.Run(worker.RunOptions, Worker.InputNames, worker.InputSlot, Worker.OutputNames, worker.OutputSlot);
            return worker.Output[0];
        }
        finally
        {
            _idle.Add(worker);
        }
    }

    public void Dispose()
    {
        foreach (var worker in _all)
        {
            worker.Dispose();
        }
        _session.Dispose();
    }

    private sealed class Worker : IDisposable
    {
        public static readonly string[] InputNames = [InputName];
        public static readonly string[] OutputNames = [OutputName];

        public Worker(int featureCount)
        {
            Input = new float[featureCount];
            InputSlot = [OrtValue.CreateTensorValueFromMemory(Input, [1, featureCount])];
            OutputSlot = [OrtValue.CreateTensorValueFromMemory(Output, [1, 1])];
        }

        public float[] Input { get; }

        public float[] Output { get; } = new float[1];

        public OrtValue[] InputSlot { get; }

        public OrtValue[] OutputSlot { get; }

        public RunOptions RunOptions { get; } = new();

        public void Dispose()
        {
            InputSlot[0].Dispose();
            OutputSlot[0].Dispose();
            RunOptions.Dispose();
        }
    }
}
