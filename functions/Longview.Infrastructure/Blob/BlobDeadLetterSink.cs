using System.Text.Json;
using Longview.Core.Ingestion;
using Longview.Core.Ports;
using Longview.Core.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Blob;

/// <summary>
/// Writes each letter as <c>{container}/{batchId}-{index}.json</c> over any <see cref="IBlobStore"/>: Azure Blob in
/// production, the folder store in self-hosted mode. The name depends on nothing but the letter's key (for Event Hubs:
/// hub, partition, sequence number and position in the message), and writes are create-only, so the same message
/// dead-lettered twice (a redelivered batch, on any later day) is one letter: the first copy stays.
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
                var name = BlobName(letter);
                var etag = await blobs.PutAsync(_options.Container, name, Serialize(letter, now), BlobCondition.IfNoneExists, cancellationToken: ct).ConfigureAwait(false);
                if (etag is not null)
                {
                    Interlocked.Increment(ref written);
                }
            }).ConfigureAwait(false);
        logger.LogInformation("Dead-lettered {Written} of {Letters} rejected events into {Container} ({AlreadyPresent} already there)",
            written, letters.Count, _options.Container, letters.Count - written);
        return written;
    }

    /// <summary>The letter's blob name. No time in it: a day folder would give a replay after midnight a second letter.</summary>
    public static string BlobName(DeadLetter letter) =>
        $"{SafeSegment(letter.BatchId)}-{letter.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)}.json";

    private byte[] Serialize(DeadLetter letter, DateTimeOffset at)
    {
        var truncated = letter.RawPayload.Length > _options.MaxPayloadChars;
        var document = new DeadLetterDocument(
            letter.BatchId, letter.Index, letter.EventId, letter.Field, letter.Reason,
            truncated ? letter.RawPayload[.._options.MaxPayloadChars] : letter.RawPayload,
            letter.RawPayload.Length, truncated, at);
        return JsonSerializer.SerializeToUtf8Bytes(document, LongviewJson.Options);
    }

    /// <summary>
    /// Batch ids come from the trigger; they are kept to characters that are safe in one blob path segment. The
    /// mapping is one-to-one (other characters become <c>~XXXX</c>, '~' included; an id too long is cut and given its
    /// hash): two different ids sharing a name would make the create-only write drop the second letter.
    /// </summary>
    private static string SafeSegment(string batchId)
    {
        var safe = new System.Text.StringBuilder(batchId.Length);
        foreach (var c in batchId)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                safe.Append(c);
            }
            else
            {
                safe.Append('~').Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        if (safe.Length <= MaxSegmentChars)
        {
            return safe.ToString();
        }
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(batchId)));
        return $"{safe.ToString(0, MaxSegmentChars - 66)}~{hash}";
    }

    private const int MaxSegmentChars = 200;
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
