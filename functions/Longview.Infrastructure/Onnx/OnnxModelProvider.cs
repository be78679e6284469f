using Longview.Core.Experiments;
using Longview.Core.Ports;
using Longview.Core.Semantics;
using Longview.Core.Serving.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Longview.Infrastructure.Onnx;

public enum ModelRefreshOutcome
{
    /// <summary>A new version was loaded and now serves.</summary>
    Loaded,

    /// <summary>Neither the pointer nor the files of the version it names have changed since the last check.</summary>
    Unchanged,

    /// <summary>There is no pointer: nothing to serve; a version that was serving is withdrawn (the fallback serves).</summary>
    NoModel,

    /// <summary>The named version is missing, corrupt or incompatible; whatever served before keeps serving.</summary>
    Refused,
}

/// <summary>
/// Serves the promoted model from the <c>models</c> container: reads <c>current.json</c> and the version it names,
/// validates it, loads it beside the current one, swaps atomically, and lets the old one go when its last lease ends.
/// Host it with <see cref="RunAsync"/> (a BackgroundService body) or call <see cref="RefreshAsync"/> yourself.
/// <para>
/// Each check compares a fingerprint, the ETags of the pointer and of the version's manifest, model and churn files,
/// with the one loaded (or last refused). Any change is a load attempt: a serving version whose files were corrupted in
/// place is noticed at the next poll (it keeps serving from memory while <see cref="Health"/> says why it is
/// degraded), and restoring the files clears the fault without touching the pointer. Deleting the pointer withdraws
/// the serving version (the popularity fallback serves), as it would after a restart.
/// </para>
/// <para>
/// Experiment variants that name a model version (<see cref="ExperimentVariant.ModelVersion"/>) are served by that
/// version: each check also loads every version named by an experiment that has not ended, from the folder of that name
/// (validated like a promotion), and <see cref="Acquire(string)"/> leases it. A version that is missing or refused is
/// tried again at the next check; meanwhile its variant is served by the current model. A pinned version is loaded once.
/// </para>
/// </summary>
public sealed class OnnxModelProvider(
    IBlobStore blobs, TimeProvider time, IOptions<OnnxModelOptions> options, ILogger<OnnxModelProvider> logger, IOptions<ExperimentOptions>? experiments = null)
    : IModelSource, IModelHealthSource, IDisposable
{
    private static readonly string[] VersionFiles = ["manifest.json", "model.onnx", "churn.onnx", ModelManifest.TextSection.FileName];

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly OnnxSessionFactory _sessions = new(options.Value, logger);
    private LoadedModel? _current;

    // Versions experiments pin, loaded beside the current one; replaced whole, so a reader sees a consistent map.
    private volatile IReadOnlyDictionary<string, LoadedModel> _pinned = new Dictionary<string, LoadedModel>(StringComparer.Ordinal);
    private string? _refusedFingerprint;
    private bool _reportedMissing;
    private ModelHealth _health = ModelHealth.Healthy;

    public ModelDescription? Current => Volatile.Read(ref _current)?.Description;

    /// <summary>The execution provider the sessions run on: Cpu, or Cuda when it is configured and works here.</summary>
    public OnnxExecutionProvider ExecutionProvider => _sessions.ExecutionProvider;

    /// <summary>The fault of the last check, or the withdrawal of a version whose pointer was deleted.</summary>
    public ModelHealth Health => Volatile.Read(ref _health);

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

    /// <summary>A lease on <paramref name="version"/>: the current model when it is that version, else a pinned one; null when neither.</summary>
    public IModelLease? Acquire(string version)
    {
        if (Volatile.Read(ref _current) is { } current && current.Description.Version == version)
        {
            var lease = Acquire();
            if (lease?.Version == version)
            {
                return lease;
            }
            lease?.Dispose();
        }
        return _pinned.TryGetValue(version, out var pinned) && pinned.TryRetain() ? pinned.Lease() : null;
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
                // RefreshAsync already recorded the fault in Health.
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
            var outcome = await CheckAsync(options.Value, cancellationToken).ConfigureAwait(false);
            await PinAsync(options.Value, cancellationToken).ConfigureAwait(false);
            return outcome;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The store failed to answer: nothing was swapped, and readiness says why until a check succeeds.
            Fault($"model check failed: {ex.GetType().Name}: {ex.Message}");
            throw;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task<ModelRefreshOutcome> CheckAsync(OnnxModelOptions settings, CancellationToken cancellationToken)
    {
        var pointerBlob = await blobs.GetAsync(settings.Container, settings.PointerName, cancellationToken).ConfigureAwait(false);
        var current = Volatile.Read(ref _current);
        if (pointerBlob is null)
        {
            _refusedFingerprint = null;
            if (current is not null)
            {
                // The operator withdrew the model: serve what a restart would serve now, the fallback.
                Interlocked.CompareExchange(ref _current, null, current);
                current.Release();
                logger.LogWarning("Model pointer {Container}/{Pointer} was deleted; withdrew model {Version}, serving the popularity fallback",
                    settings.Container, settings.PointerName, current.Description.Version);
                Volatile.Write(ref _health, new ModelHealth(null, null,
                    $"pointer {settings.Container}/{settings.PointerName} deleted at {time.GetUtcNow():u}; model {current.Description.Version} withdrawn"));
                _reportedMissing = true;
            }
            else if (Health.Fault is not null)
            {
                // A refused promotion (or a failed check) whose pointer is gone: nothing is promoted now.
                Volatile.Write(ref _health, ModelHealth.Healthy);
            }
            if (!_reportedMissing)
            {
                logger.LogWarning("No model pointer {Container}/{Pointer}; serving the popularity fallback", settings.Container, settings.PointerName);
                _reportedMissing = true;
            }
            return ModelRefreshOutcome.NoModel;
        }
        _reportedMissing = false;
        var fingerprint = await FingerprintAsync(pointerBlob, settings, cancellationToken).ConfigureAwait(false);
        if (fingerprint == current?.Fingerprint)
        {
            if (Health != ModelHealth.Healthy)
            {
                logger.LogInformation("Model {Version}'s files are as loaded again; serving it healthy", current.Description.Version);
                Volatile.Write(ref _health, ModelHealth.Healthy);
            }
            return ModelRefreshOutcome.Unchanged;
        }
        if (fingerprint == _refusedFingerprint)
        {
            return ModelRefreshOutcome.Unchanged;
        }
        LoadedModel loaded;
        try
        {
            loaded = await LoadAsync(pointerBlob, fingerprint, settings, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelRejectedException ex)
        {
            _refusedFingerprint = fingerprint;
            var serving = current?.Description.Version ?? "the popularity fallback";
            logger.LogError("Refused model from pointer {ETag}: {Reason}; still serving {Serving}", pointerBlob.ETag, ex.Message, serving);
            Fault(current is not null && ModelPointer.TryParse(pointerBlob.Content, settings.Container, out var pointer, out _) && pointer.Version == current.Description.Version
                ? $"model {current.Description.Version} no longer loads from its files ({ex.Message}); the copy loaded earlier keeps serving"
                : $"promoted model refused: {ex.Message}");
            return ModelRefreshOutcome.Refused;
        }
        _refusedFingerprint = null;
        var previous = Interlocked.Exchange(ref _current, loaded);
        previous?.Release();
        Volatile.Write(ref _health, ModelHealth.Healthy);
        logger.LogInformation("Serving model {Version} ({Items} items, maxLength {MaxLength}, churn by {Churn}) on {ExecutionProvider}; replaced {Previous}",
            loaded.Description.Version, loaded.Description.ItemCount, loaded.Description.MaxLength, loaded.ChurnScoring, _sessions.ExecutionProvider, previous?.Description.Version ?? "nothing");
        return ModelRefreshOutcome.Loaded;
    }

    /// <summary>Loads the versions named by experiments that have not ended and are not loaded yet (a refused one is logged and retried).</summary>
    private async Task PinAsync(OnnxModelOptions settings, CancellationToken cancellationToken)
    {
        if (experiments is null)
        {
            return;
        }
        var now = time.GetUtcNow();
        var wanted = experiments.Value.Definitions.Where(d => d.End > now).SelectMany(d => d.Variants)
            .Select(v => v.ModelVersion).OfType<string>().Where(ModelPointer.IsSafeVersion).Distinct(StringComparer.Ordinal)
            .Where(v => !_pinned.ContainsKey(v)).ToList();
        foreach (var version in wanted)
        {
            try
            {
                var pointer = new ModelPointer(version, version + "/", null, null);
                var loaded = await LoadVersionAsync(pointer, "pinned:" + version, settings, cancellationToken).ConfigureAwait(false);
                _pinned = new Dictionary<string, LoadedModel>(_pinned, StringComparer.Ordinal) { [version] = loaded };
                logger.LogInformation("Loaded model {Version} for the experiment variants that name it", version);
            }
            catch (ModelRejectedException ex)
            {
                logger.LogWarning("Model {Version}, named by an experiment variant, is not loadable ({Reason}); its variant is served by the current model", version, ex.Message);
            }
        }
    }

    /// <summary>Keeps the first time a fault was seen while it lasts, so readiness says since when.</summary>
    private void Fault(string reason)
    {
        var health = Health;
        Volatile.Write(ref _health, new ModelHealth(reason, health.Fault is null ? time.GetUtcNow() : health.FaultSince, null));
    }

    /// <summary>
    /// The pointer's ETag and those of the version's files (absent ones as "-"); an unparsable pointer has only its own.
    /// Files that change between this and the load give a different fingerprint at the next check, which loads again.
    /// </summary>
    private async Task<string> FingerprintAsync(BlobContent pointerBlob, OnnxModelOptions settings, CancellationToken cancellationToken)
    {
        if (!ModelPointer.TryParse(pointerBlob.Content, settings.Container, out var pointer, out _))
        {
            return pointerBlob.ETag;
        }
        var parts = new List<string>(VersionFiles.Length + 1) { pointerBlob.ETag };
        foreach (var file in VersionFiles)
        {
            parts.Add(await blobs.GetETagAsync(settings.Container, pointer.Path + file, cancellationToken).ConfigureAwait(false) ?? "-");
        }
        return string.Join('|', parts);
    }

    private async Task<LoadedModel> LoadAsync(BlobContent pointerBlob, string fingerprint, OnnxModelOptions settings, CancellationToken cancellationToken)
    {
        if (!ModelPointer.TryParse(pointerBlob.Content, settings.Container, out var pointer, out var pointerError))
        {
            throw new ModelRejectedException(pointerError);
        }
        return await LoadVersionAsync(pointer, fingerprint, settings, cancellationToken).ConfigureAwait(false);
    }

    private async Task<LoadedModel> LoadVersionAsync(ModelPointer pointer, string fingerprint, OnnxModelOptions settings, CancellationToken cancellationToken)
    {
        var manifestBytes = await ReadAsync(pointer, "manifest.json", settings.MaxManifestBytes, required: true, cancellationToken).ConfigureAwait(false);
        var manifest = ModelManifest.Parse(manifestBytes!, pointer.Version, settings);
        var modelBytes = await ReadAsync(pointer, "model.onnx", settings.MaxModelBytes, required: true, cancellationToken).ConfigureAwait(false);
        var churnBytes = manifest.ChurnFeatures.Count > 0
            ? await ReadAsync(pointer, "churn.onnx", settings.MaxModelBytes, required: false, cancellationToken).ConfigureAwait(false)
            : null;

        var scorer = LoadScorer(modelBytes!, manifest);
        IChurnPredictor? churn = null;
        try
        {
            if (churnBytes is null && manifest.ChurnFeatures.Count > 0)
            {
                logger.LogWarning("Model {Version} lists churn features but has no churn.onnx; serving without churn risk", pointer.Version);
            }
            churn = churnBytes is null ? null : LoadChurn(churnBytes, manifest, pointer.Version);
        }
        catch
        {
            scorer.Dispose();
            throw;
        }
        var description = new ModelDescription(pointer.Version, manifest.Manifest.CreatedAt, pointer.PromotedAt,
            scorer.Width - 1, scorer.MaxLength, manifest.Manifest.Metrics ?? pointer.Metrics);
        var text = await LoadTextAsync(pointer, manifest, scorer.Width, settings, cancellationToken).ConfigureAwait(false);
        return new LoadedModel(fingerprint, description, manifest, scorer, churn, text);
    }

    /// <summary>
    /// The optional text projection (new items scored from their text). A version without one, or whose file does not
    /// fit its manifest, serves without it: scoring known items does not depend on it.
    /// </summary>
    private async Task<TextProjection?> LoadTextAsync(ModelPointer pointer, ValidatedManifest manifest, int width, OnnxModelOptions settings, CancellationToken cancellationToken)
    {
        if (manifest.Manifest.Text is not { } section)
        {
            return null;
        }
        try
        {
            var bytes = await ReadAsync(pointer, ModelManifest.TextSection.FileName, settings.MaxModelBytes, required: false, cancellationToken).ConfigureAwait(false)
                ?? throw new FormatException($"the manifest has a text section but {ModelManifest.TextSection.FileName} is missing");
            var scoring = section.Scoring is { } fitted ? NewItemScoring.Create(fitted.Features, fitted.Weights, fitted.Offset) : null;
            var projection = TextProjection.Parse(bytes, section.Encoder ?? "", section.TextDimensions, section.Dim, width, scoring);
            logger.LogInformation("Model {Version} scores new items from their text ({Encoder})", pointer.Version, projection.Encoder);
            return projection;
        }
        catch (FormatException ex)
        {
            logger.LogWarning("Model {Version}: text projection not used, new items wait for retraining: {Reason}", pointer.Version, ex.Message);
            return null;
        }
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
        var scorer = new SequenceScorer(session, manifest.Manifest.ServedLength, width);
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

    private IChurnPredictor LoadChurn(byte[] bytes, ValidatedManifest manifest, string version)
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
            return Logistic(scorer, manifest, version);
        }
        catch
        {
            scorer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The manifest's numbers when they agree with <c>churn.onnx</c> (then the session is closed), else the session: the
    /// ONNX file stays the model's definition, the numbers only a faster way to compute it.
    /// </summary>
    private IChurnPredictor Logistic(ChurnScorer scorer, ValidatedManifest manifest, string version)
    {
        if (manifest.Manifest.Churn?.Logistic is not { } section)
        {
            return scorer;
        }
        if (section.Problem(manifest.ChurnFeatures.Count) is { } problem)
        {
            logger.LogWarning("Model {Version}: manifest churn.logistic is unusable ({Problem}); scoring churn with churn.onnx", version, problem);
            return scorer;
        }
        var logistic = section.ToModel();
        var difference = logistic.LargestDifferenceFrom(scorer);
        if (!(difference <= LogisticChurn.Tolerance))
        {
            logger.LogWarning("Model {Version}: manifest churn.logistic differs from churn.onnx by {Difference} (tolerance {Tolerance}); scoring churn with churn.onnx",
                version, difference, LogisticChurn.Tolerance);
            return scorer;
        }
        scorer.Dispose();
        return logistic;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _current, null)?.Release();
        foreach (var pinned in _pinned.Values)
        {
            pinned.Release();
        }
        _pinned = new Dictionary<string, LoadedModel>(StringComparer.Ordinal);
        _refreshing.Dispose();
    }
}
