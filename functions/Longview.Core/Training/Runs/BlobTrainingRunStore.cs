using System.Text.Json;
using Longview.Core.Ports;
using Longview.Core.Serialization;
using Microsoft.Extensions.Options;

namespace Longview.Core.Training.Runs;

/// <summary>Run records as JSON blobs <c>training/{runId}/run.json</c>, over whichever <see cref="IBlobStore"/> the host has.</summary>
public sealed class BlobTrainingRunStore(IBlobStore blobs, IOptions<TrainingPipelineOptions> options) : ITrainingRunStore
{
    public const string FileName = "run.json";

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
}
