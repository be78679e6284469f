using System.Text.Json;
using Longview.Core.Ingestion;
using Longview.Core.Ports;
using Longview.Core.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Blob;

/// <summary>
/// Writes each letter as <c>{container}/{yyyy-MM-dd}/{batchId}-{index}.json</c> (UTC day of writing) over any
/// <see cref="IBlobStore"/>: Azure Blob in production, the folder store in self-hosted mode. Writes are
/// create-only, so a redelivered batch leaves the first letters untouched.
/// </summary>
public sealed class BlobDeadLetterSink(IBlobStore blobs, TimeProvider time, IOptions<BlobDeadLetterOptions> options, ILogger<BlobDeadLetterSink> logger) : IDeadLetterSink
{
    private readonly BlobDeadLetterOptions _options = options.Value;

    public async Task<int> WriteAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(letters);
        var now = time.GetUtcNow();
        var written = 0;
        await Parallel.ForEachAsync(letters, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelWrites, CancellationToken = cancellationToken },
            async (letter, ct) =>
            {
                var name = BlobName(letter, now);
                var etag = await blobs.PutAsync(_options.Container, name, Serialize(letter, now), BlobCondition.IfNoneExists, cancellationToken: ct).ConfigureAwait(false);
                if (etag is not null)
                {
                    Interlocked.Increment(ref written);
                }
            }).ConfigureAwait(false);
        logger.LogInformation("Dead-lettered {Written} of {Letters} rejected events into {Container}/{Day} ({AlreadyPresent} already there)",
            written, letters.Count, _options.Container, now.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), letters.Count - written);
        return written;
    }

    public static string BlobName(DeadLetter letter, DateTimeOffset at) =>
        $"{at.UtcDateTime:yyyy-MM-dd}/{SafeSegment(letter.BatchId)}-{letter.Index}.json";

    private byte[] Serialize(DeadLetter letter, DateTimeOffset at)
    {
        var truncated = letter.RawPayload.Length > _options.MaxPayloadChars;
        var document = new DeadLetterDocument(
            letter.BatchId, letter.Index, letter.EventId, letter.Field, letter.Reason,
            truncated ? letter.RawPayload[.._options.MaxPayloadChars] : letter.RawPayload,
            letter.RawPayload.Length, truncated, at);
        return JsonSerializer.SerializeToUtf8Bytes(document, LongviewJson.Options);
    }

    // Batch ids come from the trigger; keep them to characters that are safe in a blob path segment.
    private static string SafeSegment(string batchId)
    {
        var chars = batchId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        var safe = new string(chars);
        return safe.Length <= 200 ? safe : safe[..200];
    }
}

/// <summary>The JSON stored for one letter.</summary>
public sealed record DeadLetterDocument(
    string BatchId,
    int Index,
    string? EventId,
    string? Field,
    string Reason,
    string RawPayload,
    int RawPayloadLength,
    bool RawPayloadTruncated,
    DateTimeOffset DeadLetteredAt);
