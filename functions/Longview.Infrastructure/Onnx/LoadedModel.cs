using Longview.Core.Semantics;
using Longview.Core.Serving.Churn;
using Longview.Core.Serving.Models;

namespace Longview.Infrastructure.Onnx;

/// <summary>
/// One loaded model version. Reference counted: the provider holds one reference while the version is current and
/// every lease holds one; the sessions are disposed when the last reference goes, never under a running request.
/// </summary>
public sealed class LoadedModel
{
    private readonly ValidatedManifest _manifest;
    private readonly SequenceScorer _scorer;
    private readonly IChurnPredictor? _churn;
    private int _references = 1;

    public LoadedModel(string fingerprint, ModelDescription description, ValidatedManifest manifest, SequenceScorer scorer, IChurnPredictor? churn, TextProjection? text = null)
    {
        Text = text;
        Fingerprint = fingerprint;
        Description = description;
        _manifest = manifest;
        _scorer = scorer;
        _churn = churn;
        ChurnFeatures = churn is null ? [] : manifest.ChurnFeatures;
    }

    /// <summary>The ETags of the pointer and of the version's files when it was loaded (see <see cref="OnnxModelProvider"/>).</summary>
    public string Fingerprint { get; }

    public ModelDescription Description { get; }

    public IReadOnlyList<ChurnFeature> ChurnFeatures { get; }

    /// <summary>How churn is scored, for the load log: from the manifest's numbers, by <c>churn.onnx</c>, or not at all.</summary>
    public string ChurnScoring => _churn switch
    {
        null => "none",
        LogisticChurn => "manifest churn.logistic",
        _ => "churn.onnx",
    };

    /// <summary>How this version scores items it has never seen from their text; null when it was trained without.</summary>
    public TextProjection? Text { get; }

    public bool IsDisposed => Volatile.Read(ref _references) == 0;

    /// <summary>Adds a reference unless the model is already released (then the caller re-reads the current one).</summary>
    public bool TryRetain()
    {
        while (true)
        {
            var current = Volatile.Read(ref _references);
            if (current == 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _references, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            _scorer.Dispose();
            _churn?.Dispose();
        }
    }

    public IModelLease Lease() => new ModelLease(this);

    private sealed class ModelLease(LoadedModel model) : IModelLease
    {
        private int _released;

        public string Version => model.Description.Version;

        public int MaxLength => model._scorer.MaxLength;

        public int ItemCount => model._scorer.Width - 1;

        public IReadOnlyList<ChurnFeature> ChurnFeatures => model.ChurnFeatures;

        public TextProjection? Text => model.Text;

        public int IndexOf(string itemId) => model._manifest.IndexByItem.GetValueOrDefault(itemId);

        public string ItemAt(int index) => model._manifest.ItemsByIndex[index];

        public void Score(ReadOnlySpan<int> sequence, Span<float> scores)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _released) != 0, this);
            model._scorer.Score(sequence, scores);
        }

        public float PredictChurn(ReadOnlySpan<float> features)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _released) != 0, this);
            return model._churn?.Predict(features) ?? throw new InvalidOperationException($"model {Version} has no churn model");
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                model.Release();
            }
        }
    }
}
