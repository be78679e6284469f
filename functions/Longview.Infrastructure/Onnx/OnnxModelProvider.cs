using Longview.Core.Ports;
using Longview.Core.Serving.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Longview.Infrastructure.Onnx;

public enum ModelRefreshOutcome
{
    /// <summary>A new version was loaded and now serves.</summary>
    Loaded,

    /// <summary>The pointer has not changed since the last check.</summary>
    Unchanged,

    /// <summary>There is no pointer: nothing to serve (or the current version keeps serving).</summary>
    NoModel,

    /// <summary>The named version is missing, corrupt or incompatible; whatever served before keeps serving.</summary>
    Refused,
}

/// <summary>
/// Serves the promoted model from the <c>models</c> container: reads <c>current.json</c> and the version it names,
/// validates it, loads it beside the current one, swaps atomically, and lets the old one go when its last lease ends.
/// Host it with <see cref="RunAsync"/> (a BackgroundService body) or call <see cref="RefreshAsync"/> yourself.
/// </summary>
public sealed class OnnxModelProvider(IBlobStore blobs, TimeProvider time, IOptions<OnnxModelOptions> options, ILogger<OnnxModelProvider> logger)
    : IModelSource, IDisposable
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly OnnxSessionFactory _sessions = new(options.Value, logger);
    private LoadedModel? _current;
    private string? _refusedETag;
    private bool _reportedMissing;

    public ModelDescription? Current => Volatile.Read(ref _current)?.Description;

    /// <summary>The execution provider the sessions run on: Cpu, or Cuda when it is configured and works here.</summary>
    public OnnxExecutionProvider ExecutionProvider => _sessions.ExecutionProvider;

    public IModelLease? Acquire()
    {
        while (true)
        {
            var model = Volatile.Read(ref _current);
            if (model is null)
            {
                return null;
            }
            if (model.TryRetain())
            {
                return model.Lease();
            }
            // Lost a race with a swap that released this version: the field already names its successor.
        }
    }

    /// <summary>Polls the pointer until cancelled; failures are logged and the current model keeps serving.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Model refresh failed; the current model keeps serving");
            }
        }
        while (await WaitAsync(timer, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async Task<ModelRefreshOutcome> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var settings = options.Value;
            var pointerBlob = await blobs.GetAsync(settings.Container, settings.PointerName, cancellationToken).ConfigureAwait(false);
            var current = Volatile.Read(ref _current);
            if (pointerBlob is null)
            {
                if (!_reportedMissing)
                {
                    logger.LogWarning("No model pointer {Container}/{Pointer}; serving {Serving}", settings.Container, settings.PointerName, current?.Description.Version ?? "the popularity fallback");
                    _reportedMissing = true;
                }
                return ModelRefreshOutcome.NoModel;
            }
            _reportedMissing = false;
            if (pointerBlob.ETag == current?.PointerETag || pointerBlob.ETag == _refusedETag)
            {
                return ModelRefreshOutcome.Unchanged;
            }
            LoadedModel loaded;
            try
            {
                loaded = await LoadAsync(pointerBlob, settings, cancellationToken).ConfigureAwait(false);
            }
            catch (ModelRejectedException ex)
            {
                _refusedETag = pointerBlob.ETag;
                logger.LogError("Refused model from pointer {ETag}: {Reason}; still serving {Serving}", pointerBlob.ETag, ex.Message, current?.Description.Version ?? "the popularity fallback");
                return ModelRefreshOutcome.Refused;
            }
            var previous = Interlocked.Exchange(ref _current, loaded);
            previous?.Release();
            logger.LogInformation("Serving model {Version} ({Items} items, maxLength {MaxLength}, churn {Churn}) on {ExecutionProvider}; replaced {Previous}",
                loaded.Description.Version, loaded.Description.ItemCount, loaded.Description.MaxLength, loaded.ChurnFeatures.Count > 0, _sessions.ExecutionProvider,
                previous?.Description.Version ?? "nothing");
            return ModelRefreshOutcome.Loaded;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task<LoadedModel> LoadAsync(BlobContent pointerBlob, OnnxModelOptions settings, CancellationToken cancellationToken)
    {
        if (!ModelPointer.TryParse(pointerBlob.Content, settings.Container, out var pointer, out var pointerError))
        {
            throw new ModelRejectedException(pointerError);
        }
        var manifestBytes = await ReadAsync(pointer, "manifest.json", settings.MaxManifestBytes, required: true, cancellationToken).ConfigureAwait(false);
        var manifest = ModelManifest.Parse(manifestBytes!, pointer.Version, settings);
        var modelBytes = await ReadAsync(pointer, "model.onnx", settings.MaxModelBytes, required: true, cancellationToken).ConfigureAwait(false);
        var churnBytes = manifest.ChurnFeatures.Count > 0
            ? await ReadAsync(pointer, "churn.onnx", settings.MaxModelBytes, required: false, cancellationToken).ConfigureAwait(false)
            : null;

        var scorer = LoadScorer(modelBytes!, manifest);
        ChurnScorer? churn = null;
        try
        {
            if (churnBytes is null && manifest.ChurnFeatures.Count > 0)
            {
                logger.LogWarning("Model {Version} lists churn features but has no churn.onnx; serving without churn risk", pointer.Version);
            }
            churn = churnBytes is null ? null : LoadChurn(churnBytes, manifest);
        }
        catch
        {
            scorer.Dispose();
            throw;
        }
        var description = new ModelDescription(pointer.Version, manifest.Manifest.CreatedAt, pointer.PromotedAt,
            scorer.Width - 1, scorer.MaxLength, manifest.Manifest.Metrics ?? pointer.Metrics);
        return new LoadedModel(pointerBlob.ETag, description, manifest, scorer, churn);
    }

    private async Task<byte[]?> ReadAsync(ModelPointer pointer, string file, long maxBytes, bool required, CancellationToken cancellationToken)
    {
        var name = pointer.Path + file;
        var blob = await blobs.GetAsync(options.Value.Container, name, cancellationToken).ConfigureAwait(false);
        if (blob is null)
        {
            return required ? throw new ModelRejectedException($"{name} is missing") : null;
        }
        if (blob.Content.Length == 0 || blob.Content.Length > maxBytes)
        {
            throw new ModelRejectedException($"{name} has {blob.Content.Length} bytes; expected 1..{maxBytes}");
        }
        return blob.Content.ToArray();
    }

    private SequenceScorer LoadScorer(byte[] bytes, ValidatedManifest manifest)
    {
        var session = _sessions.Create(bytes, "model.onnx");
        var width = manifest.ItemsByIndex.Length;
        var scorer = new SequenceScorer(session, manifest.Manifest.MaxLength, width);
        try
        {
            OnnxSessionFactory.CheckSignature(session, "model.onnx", SequenceScorer.InputName, typeof(long), SequenceScorer.OutputName);
            Probe(session, width);
            return scorer;
        }
        catch
        {
            scorer.Dispose();
            throw;
        }
    }

    /// <summary>A one-item input must give exactly vocabulary + 1 finite scores: catches a model trained on another vocabulary.</summary>
    private static void Probe(InferenceSession session, int width)
    {
        try
        {
            using var runOptions = new RunOptions();
            using var input = OrtValue.CreateTensorValueFromMemory(new long[] { 1 }, [1, 1]);
            using var outputs = session.Run(runOptions, [SequenceScorer.InputName], [input], [SequenceScorer.OutputName]);
            var shape = outputs[0].GetTensorTypeAndShape().Shape;
            if (shape.Length != 2 || shape[0] != 1 || shape[1] != width)
            {
                throw new ModelRejectedException($"model.onnx scores {string.Join("x", shape)} for one user; the manifest vocabulary needs 1x{width}");
            }
            foreach (var s in outputs[0].GetTensorDataAsSpan<float>()[1..])
            {
                if (!float.IsFinite(s))
                {
                    throw new ModelRejectedException("model.onnx gives non-finite scores for a one-item input");
                }
            }
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelRejectedException($"model.onnx fails on a one-item input: {ex.Message}");
        }
    }

    private ChurnScorer LoadChurn(byte[] bytes, ValidatedManifest manifest)
    {
        var session = _sessions.Create(bytes, "churn.onnx");
        var scorer = new ChurnScorer(session, manifest.ChurnFeatures.Count);
        try
        {
            OnnxSessionFactory.CheckSignature(session, "churn.onnx", ChurnScorer.InputName, typeof(float), ChurnScorer.OutputName);
            var declared = session.InputMetadata[ChurnScorer.InputName].Dimensions[1];
            if (declared != -1 && declared != manifest.ChurnFeatures.Count)
            {
                throw new ModelRejectedException($"churn.onnx takes {declared} features, the manifest lists {manifest.ChurnFeatures.Count}");
            }
            Span<float> zeros = stackalloc float[manifest.ChurnFeatures.Count];
            try
            {
                var p = scorer.Predict(zeros);
                if (!float.IsFinite(p))
                {
                    throw new ModelRejectedException("churn.onnx gives a non-finite probability");
                }
            }
            catch (OnnxRuntimeException ex)
            {
                throw new ModelRejectedException($"churn.onnx fails on {manifest.ChurnFeatures.Count} features: {ex.Message}");
            }
            return scorer;
        }
        catch
        {
            scorer.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _current, null)?.Release();
        _refreshing.Dispose();
    }
}
