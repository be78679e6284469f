using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using Longview.Core.Serialization;
using Longview.Core.Serving.Churn;

namespace Longview.Infrastructure.Onnx;

/// <summary>The <c>manifest.json</c> of a model version, as the training job writes it (only what serving reads).</summary>
public sealed class ModelManifest
{
    public string? Version { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Vocabulary: index -> item id; index 0 is padding (null).</summary>
    public List<string?>? Items { get; init; }

    public int MaxLength { get; init; }

    /// <summary>
    /// The newest items serving feeds the model, chosen by the training job because it ranks within a stated tolerance of
    /// <see cref="MaxLength"/> (training/longview_training/serving_window.py); absent in older manifests.
    /// </summary>
    public ServingWindowSection? ServingWindow { get; init; }

    /// <summary>How many of the newest history items are scored: the serving window, else the model's maximum length.</summary>
    [JsonIgnore]
    public int ServedLength => ServingWindow?.Length ?? MaxLength;

    public int? Opset { get; init; }

    public JsonElement? Metrics { get; init; }

    public ChurnSection? Churn { get; init; }

    /// <summary>The text projection of the training job (training/longview_training/text.py); absent in older versions.</summary>
    public TextSection? Text { get; init; }

    public sealed class TextSection
    {
        /// <summary>The one file name serving reads (a manifest cannot point it elsewhere).</summary>
        public const string FileName = "text_projection.bin";

        public string? Encoder { get; init; }

        public int TextDimensions { get; init; }

        public int Dim { get; init; }

        /// <summary>The new-item combiner (training/longview_training/new_item_scoring.py); absent in older versions.</summary>
        public ScoringSection? Scoring { get; init; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Rest { get; init; }
    }

    public sealed class ScoringSection
    {
        public List<string>? Features { get; init; }

        public List<double>? Weights { get; init; }

        public double Offset { get; init; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Rest { get; init; }
    }

    public sealed class ServingWindowSection
    {
        public int Length { get; init; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Rest { get; init; }
    }

    public sealed class ChurnSection
    {
        public List<string>? Features { get; init; }

        /// <summary>The same model as <c>churn.onnx</c> as numbers (optional; see <see cref="LogisticChurn"/>).</summary>
        public LogisticSection? Logistic { get; init; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Rest { get; init; }
    }

    /// <summary>sigmoid(Σ weightᵢ (xᵢ − meanᵢ) / stdᵢ + bias), float32 values written by the training job.</summary>
    public sealed class LogisticSection
    {
        public float[]? Mean { get; init; }

        public float[]? Std { get; init; }

        public float[]? Weight { get; init; }

        public float? Bias { get; init; }

        /// <summary>What makes the section unusable for <paramref name="features"/> features, or null.</summary>
        public string? Problem(int features)
        {
            foreach (var (name, values) in new[] { ("mean", Mean), ("std", Std), ("weight", Weight) })
            {
                if (values is null || values.Length != features)
                {
                    return $"{name} has {values?.Length ?? 0} entries, the model {features} features";
                }
                if (Array.FindIndex(values, v => !float.IsFinite(v) || (name == "std" && v == 0)) is var bad and >= 0)
                {
                    return $"{name}[{bad}] is {values[bad]}";
                }
            }
            return Bias is { } bias && float.IsFinite(bias) ? null : "bias is missing or not finite";
        }

        public LogisticChurn ToModel() => new(Mean!, Std!, Weight!, Bias!.Value);
    }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Rest { get; init; }

    /// <summary>Parses and checks everything that can be checked without the ONNX files.</summary>
    public static ValidatedManifest Parse(ReadOnlyMemory<byte> content, string expectedVersion, OnnxModelOptions limits)
    {
        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(content.Span, LongviewJson.Options);
        }
        catch (JsonException ex)
        {
            throw new ModelRejectedException($"manifest.json is not valid JSON: {ex.Message}");
        }
        if (manifest is null)
        {
            throw new ModelRejectedException("manifest.json is empty");
        }
        if (manifest.Version is not null && manifest.Version != expectedVersion)
        {
            throw new ModelRejectedException($"manifest.json is for version '{manifest.Version}', the pointer names '{expectedVersion}'");
        }
        if (manifest.MaxLength < 1 || manifest.MaxLength > limits.MaxSequenceLength)
        {
            throw new ModelRejectedException($"manifest.json maxLength {manifest.MaxLength} is outside 1..{limits.MaxSequenceLength}");
        }
        if (manifest.ServingWindow is { } window && (window.Length < 1 || window.Length > manifest.MaxLength))
        {
            throw new ModelRejectedException($"manifest.json servingWindow.length {window.Length} is outside 1..{manifest.MaxLength} (maxLength)");
        }
        var items = manifest.Items ?? throw new ModelRejectedException("manifest.json has no items");
        if (items.Count < 2 || items.Count - 1 > limits.MaxVocabulary)
        {
            throw new ModelRejectedException($"manifest.json items has {items.Count} entries; expected padding + 1..{limits.MaxVocabulary} items");
        }
        if (items[0] is not null)
        {
            throw new ModelRejectedException("manifest.json items[0] must be null (the padding index)");
        }
        var index = new Dictionary<string, int>(items.Count, StringComparer.Ordinal);
        for (var i = 1; i < items.Count; i++)
        {
            var id = items[i];
            if (string.IsNullOrEmpty(id))
            {
                throw new ModelRejectedException($"manifest.json items[{i}] is empty");
            }
            if (!index.TryAdd(id, i))
            {
                throw new ModelRejectedException($"manifest.json items[{i}] repeats item '{id}' (first at {index[id]})");
            }
        }
        var features = new List<ChurnFeature>();
        foreach (var name in manifest.Churn?.Features ?? [])
        {
            if (!ChurnFeatureNames.TryParse(name, out var feature))
            {
                throw new ModelRejectedException($"manifest.json churn feature '{name}' is unknown to this server (known: {string.Join(", ", ChurnFeatureNames.All)})");
            }
            features.Add(feature);
        }
        // Frozen: every request looks up its history and exclusions here (a few hundred ids), and a frozen dictionary's
        // read is the cheaper one; it is built once per model load.
        return new ValidatedManifest(manifest, items.Skip(1).Select(i => i!).Prepend("").ToArray(), index.ToFrozenDictionary(StringComparer.Ordinal), features);
    }
}

/// <summary>A manifest that passed validation, with its vocabulary indexed both ways.</summary>
public sealed record ValidatedManifest(ModelManifest Manifest, string[] ItemsByIndex, FrozenDictionary<string, int> IndexByItem, IReadOnlyList<ChurnFeature> ChurnFeatures);
