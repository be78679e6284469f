using System.Text.Json;
using Longview.Core.Ports;
using Longview.Core.Serialization;
using Longview.Core.Serving.Models;
using Longview.Core.Training.Jobs;
using Longview.Core.Workflows;
using Microsoft.Extensions.Options;

namespace Longview.Core.Training.Steps;

/// <summary>
/// <paramref name="ExpectedETag"/> is the pointer's ETag read before the decision; null means there was no pointer
/// (the write then requires that there still is none).
/// </summary>
public sealed record PromotionRequest(string Version, BlobLocation Output, string? ExpectedETag, JsonElement? Metrics, DateTimeOffset PromotedAt);

/// <summary>Promoted, or why not (a lost race: another writer changed the pointer since it was read).</summary>
public sealed record PromotionResult(bool Promoted, string? PointerETag, string? Problem);

/// <summary>
/// Copies the candidate's files to <c>models/{version}/</c>, then swaps <c>models/current.json</c> with a conditional
/// write. The copy happens first so the pointer never names an incomplete folder; a lost race leaves the pointer as
/// the winner wrote it (the copied folder is harmless, nothing names it). Idempotent: a pointer that already names this
/// version is success (the step ran before and its answer was lost), before the copy and after a lost race alike.
/// </summary>
public sealed class PromoteStep(IBlobStore blobs, IOptions<TrainingPipelineOptions> options) : IWorkflowStep<PromotionRequest, PromotionResult>
{
    /// <summary>The job's files; the first three are required.</summary>
    public static readonly IReadOnlyList<(string File, bool Required)> Files =
        [("model.onnx", true), ("manifest.json", true), ("metrics.json", true), ("churn.onnx", false), ("reference.json", false)];

    public string Name => TrainingSteps.Promote;

    public async Task<PromotionResult> RunAsync(PromotionRequest input, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!ModelPointer.IsSafeVersion(input.Version))
        {
            return new PromotionResult(false, null, $"version '{input.Version}' is not a safe folder name");
        }
        if (await AlreadyNamesAsync(input.Version, settings, cancellationToken).ConfigureAwait(false) is { } done)
        {
            return done;
        }
        var folder = input.Version + "/";
        foreach (var (file, required) in Files)
        {
            await using var source = await blobs.OpenReadAsync(input.Output.Container, input.Output.Name + file, cancellationToken).ConfigureAwait(false);
            if (source is null)
            {
                if (required)
                {
                    return new PromotionResult(false, null, $"{input.Output}{file} is missing");
                }
                continue;
            }
            await blobs.UploadAsync(settings.ModelsContainer, folder + file, source, cancellationToken).ConfigureAwait(false);
        }

        var pointer = new ModelPointer(input.Version, $"{settings.ModelsContainer}/{folder}", input.PromotedAt, input.Metrics);
        var content = JsonSerializer.SerializeToUtf8Bytes(pointer, LongviewJson.Options);
        var etag = input.ExpectedETag is null
            ? await blobs.PutAsync(settings.ModelsContainer, settings.PointerName, content, BlobCondition.IfNoneExists, null, cancellationToken).ConfigureAwait(false)
            : await blobs.PutAsync(settings.ModelsContainer, settings.PointerName, content, BlobCondition.IfMatch, input.ExpectedETag, cancellationToken).ConfigureAwait(false);
        if (etag is null && await AlreadyNamesAsync(input.Version, settings, cancellationToken).ConfigureAwait(false) is { } concurrent)
        {
            return concurrent;
        }
        return etag is null
            ? new PromotionResult(false, null, input.ExpectedETag is null
                ? "lost the promotion race: a pointer was written by someone else since it was found absent"
                : $"lost the promotion race: the pointer changed since it was read (ETag {input.ExpectedETag})")
            : new PromotionResult(true, etag, null);
    }

    /// <summary>Success when the pointer names <paramref name="version"/> already; null otherwise.</summary>
    private async Task<PromotionResult?> AlreadyNamesAsync(string version, TrainingPipelineOptions settings, CancellationToken cancellationToken)
    {
        var current = await blobs.GetAsync(settings.ModelsContainer, settings.PointerName, cancellationToken).ConfigureAwait(false);
        return current is not null && ModelPointer.TryParse(current.Content, settings.ModelsContainer, out var pointer, out _) && pointer.Version == version
            ? new PromotionResult(true, current.ETag, null)
            : null;
    }
}
