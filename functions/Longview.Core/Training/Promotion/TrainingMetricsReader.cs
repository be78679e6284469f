using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Longview.Core.Training.Promotion;

/// <summary>
/// Reads the job's <c>metrics.json</c> (<c>{"version", "test": {"ndcg@10", "coverage@10", ...}, "churn": {"auc", "brier", "ece"}}</c>), the
/// same shape that promotion stores in the pointer's <c>metrics</c>.
/// </summary>
public static class TrainingMetricsReader
{
    public const int MaxBytes = 4 * 1024 * 1024;

    public static bool TryRead(ReadOnlySpan<byte> json, [NotNullWhen(true)] out string? version, [NotNullWhen(true)] out ModelMetrics? metrics, [NotNullWhen(false)] out string? error)
    {
        version = null;
        metrics = null;
        if (json.Length > MaxBytes)
        {
            error = $"metrics.json has {json.Length} bytes, the limit is {MaxBytes}";
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            return TryRead(document.RootElement, out version, out metrics, out error);
        }
        catch (JsonException ex)
        {
            error = $"metrics.json is not valid JSON: {ex.Message}";
            return false;
        }
    }

    public static bool TryRead(JsonElement root, [NotNullWhen(true)] out string? version, [NotNullWhen(true)] out ModelMetrics? metrics, [NotNullWhen(false)] out string? error)
    {
        version = null;
        metrics = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "metrics.json: expected an object";
            return false;
        }
        if (!root.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.String || !Serving.Models.ModelPointer.IsSafeVersion(v.GetString()))
        {
            error = "metrics.json: 'version' is missing or not a safe folder name";
            return false;
        }
        if (!root.TryGetProperty("test", out var test) || test.ValueKind != JsonValueKind.Object)
        {
            error = "metrics.json: 'test' is missing or not an object";
            return false;
        }
        if (!TryFraction(test, "ndcg@10", out var ndcg, out error) || !TryFraction(test, "coverage@10", out var coverage, out error))
        {
            return false;
        }
        double? auc = null, brier = null, ece = null;
        if (root.TryGetProperty("churn", out var churn) && churn.ValueKind == JsonValueKind.Object &&
            (!TryOptionalFraction(churn, "auc", out auc, out error) || !TryOptionalFraction(churn, "brier", out brier, out error) ||
             !TryOptionalFraction(churn, "ece", out ece, out error)))
        {
            return false;
        }
        version = v.GetString()!;
        metrics = new ModelMetrics(ndcg, coverage, auc, brier, ece);
        error = null;
        return true;
    }

    /// <summary>An absent or null <c>churn.{name}</c> is null (jobs before Brier and ECE wrote only the AUC); else a number in [0, 1].</summary>
    private static bool TryOptionalFraction(JsonElement churn, string name, out double? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        if (!churn.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number) || !(number is >= 0 and <= 1))
        {
            error = $"metrics.json: 'churn.{name}' must be a number in [0, 1] or null";
            return false;
        }
        value = number;
        return true;
    }

    private static bool TryFraction(JsonElement section, string name, out double value, [NotNullWhen(false)] out string? error)
    {
        value = 0;
        if (!section.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out value) || !(value is >= 0 and <= 1))
        {
            error = $"metrics.json: 'test.{name}' must be a number in [0, 1]";
            return false;
        }
        error = null;
        return true;
    }
}
