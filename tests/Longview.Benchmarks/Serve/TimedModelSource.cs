using Longview.Core.Serving.Churn;
using Longview.Core.Serving.Models;

namespace Longview.Benchmarks.Serve;

/// <summary>
/// The app's model source with the CPU time of every <see cref="IModelLease.Score"/> and <see cref="IModelLease.PredictChurn"/>
/// call added up, so the breakdown can take the model's share out of <c>Recommend</c> as it ran, not from a second call
/// on warmer caches. Single-threaded use only (the breakdown loop).
/// </summary>
internal sealed class TimedModelSource(IModelSource inner) : IModelSource
{
    public long ScoreNanoseconds { get; set; }

    public long ChurnNanoseconds { get; set; }

    public ModelDescription? Current => inner.Current;

    public IModelLease? Acquire() => inner.Acquire() is { } lease ? new Lease(lease, this) : null;

    private sealed class Lease(IModelLease inner, TimedModelSource owner) : IModelLease
    {
        public string Version => inner.Version;

        public int MaxLength => inner.MaxLength;

        public int ItemCount => inner.ItemCount;

        public IReadOnlyList<ChurnFeature> ChurnFeatures => inner.ChurnFeatures;

        public int IndexOf(string itemId) => inner.IndexOf(itemId);

        public string ItemAt(int index) => inner.ItemAt(index);

        public void Score(ReadOnlySpan<int> sequence, Span<float> scores)
        {
            var start = ThreadCpuClock.Nanoseconds();
            inner.Score(sequence, scores);
            owner.ScoreNanoseconds += ThreadCpuClock.Nanoseconds() - start;
        }

        public float PredictChurn(ReadOnlySpan<float> features)
        {
            var start = ThreadCpuClock.Nanoseconds();
            var p = inner.PredictChurn(features);
            owner.ChurnNanoseconds += ThreadCpuClock.Nanoseconds() - start;
            return p;
        }

        public void Dispose() => inner.Dispose();
    }
}
