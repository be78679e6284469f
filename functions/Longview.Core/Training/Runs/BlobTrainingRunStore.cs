using System.Runtime.CompilerServices;
using System.Text.Json;
using Longview.Core.Ports;
using Longview.Core.Serialization;
using Microsoft.Extensions.Options;

namespace Longview.Core.Training.Runs;

/// <summary>
/// Run records as JSON blobs <c>training/{runId}/run.json</c>, and the latest-run marker <c>training/latest-run.json</c>
/// (written IfNoneExists / IfMatch its ETag), over whichever <see cref="IBlobStore"/> the host has.
/// </summary>
public sealed class BlobTrainingRunStore(IBlobStore blobs, IOptions<TrainingPipelineOptions> options) : ITrainingRunStore
{
    public const string FileName = "run.json";

    public const string LatestName = "latest-run.json";

    /// <summary>A record is small (a dozen steps); anything bigger is not ours.</summary>
    public const int MaxBytes = 1024 * 1024;

    public async Task SaveAsync(TrainingRunRecord run, CancellationToken cancellationToken)
    {
        if (!TrainingRunIds.IsValid(run.RunId))
        {
            throw new ArgumentException($"run id '{run.RunId}' is not valid", nameof(run));
        }
        var content = JsonSerializer.SerializeToUtf8Bytes(run, LongviewJson.Options);
        await blobs.PutAsync(options.Value.TrainingContainer, $"{run.RunId}/{FileName}", content, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<TrainingRunRecord?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        if (!TrainingRunIds.IsValid(runId))
        {
            return null;
        }
        var blob = await blobs.GetAsync(options.Value.TrainingContainer, $"{runId}/{FileName}", cancellationToken).ConfigureAwait(false);
        if (blob is null || blob.Content.Length > MaxBytes)
        {
            return null;
        }
        return JsonSerializer.Deserialize<TrainingRunRecord>(blob.Content.Span, LongviewJson.Options);
    }

    public async IAsyncEnumerable<string> ListIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var name in blobs.ListAsync(options.Value.TrainingContainer, "", cancellationToken).ConfigureAwait(false))
        {
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && name.AsSpan(slash + 1).SequenceEqual(FileName) && TrainingRunIds.IsValid(name[..slash]))
            {
                yield return name[..slash];
            }
        }
    }

    public async Task<LatestTrainingRun?> GetLatestAsync(CancellationToken cancellationToken)
    {
        var blob = await blobs.GetAsync(options.Value.TrainingContainer, LatestName, cancellationToken).ConfigureAwait(false);
        if (blob is null)
        {
            return null;
        }
        var marker = blob.Content.Length <= MaxBytes ? TryRead(blob.Content.Span) : null;
        // An unreadable marker names no run; the next start replaces it (IfMatch its ETag).
        var runId = marker?.RunId ?? "";
        return new LatestTrainingRun(runId, TrainingRunIds.IsValid(runId) ? await GetAsync(runId, cancellationToken).ConfigureAwait(false) : null, blob.ETag);
    }

    public async Task<bool> TrySetLatestAsync(string runId, string? expectedVersion, CancellationToken cancellationToken)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(new LatestMarker(runId), LongviewJson.Options);
        var etag = await blobs.PutAsync(options.Value.TrainingContainer, LatestName, content,
            expectedVersion is null ? BlobCondition.IfNoneExists : BlobCondition.IfMatch, expectedVersion, cancellationToken).ConfigureAwait(false);
        return etag is not null;
    }

    private static LatestMarker? TryRead(ReadOnlySpan<byte> content)
    {
        try
        {
            return JsonSerializer.Deserialize<LatestMarker>(content, LongviewJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record LatestMarker(string RunId);
}
