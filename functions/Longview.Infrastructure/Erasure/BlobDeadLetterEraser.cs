using System.Text.Json;
using Longview.Core.Erasure;
using Longview.Core.Ports;
using Longview.Core.Serialization;
using Longview.Infrastructure.Blob;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Erasure;

/// <summary>
/// Deletes a user's dead letters. Letters are named by delivery (<see cref="BlobDeadLetterSink.BlobName"/>), not by
/// user, so this reads every letter and tests its raw payload with <see cref="DeadLetterUserMatch"/>: the cost grows
/// with the dead-letter container, which operators are expected to empty once letters are inspected or replayed.
/// A letter holding several users' events (a message that could not be split) is deleted whole.
/// </summary>
public sealed class BlobDeadLetterEraser(
    IBlobStore blobs,
    IOptions<BlobDeadLetterOptions> deadLetters,
    IOptions<ErasureStoreOptions> options,
    ILogger<BlobDeadLetterEraser> logger) : IDeadLetterEraser
{
    public async Task<int> EraseAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var container = deadLetters.Value.Container;
        var settings = options.Value;
        var deleted = 0;
        await Parallel.ForEachAsync(blobs.ListAsync(container, "", cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxParallelReads, CancellationToken = cancellationToken },
            async (name, ct) =>
            {
                if (await ConcernsAsync(container, name, userId, settings.MaxLetterBytes, ct).ConfigureAwait(false)
                    && await blobs.DeleteAsync(container, name, ct).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref deleted);
                }
            }).ConfigureAwait(false);
        return deleted;
    }

    private async Task<bool> ConcernsAsync(string container, string name, string userId, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await blobs.OpenReadAsync(container, name, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return false;
        }
        if (stream.CanSeek && stream.Length > maxBytes)
        {
            logger.LogWarning("Dead letter {Container}/{Blob} is larger than {MaxBytes} bytes; deleted unread during an erasure", container, name, maxBytes);
            return true;
        }
        try
        {
            var letter = await JsonSerializer.DeserializeAsync<DeadLetterDocument>(stream, LongviewJson.Options, cancellationToken).ConfigureAwait(false);
            return letter is null || DeadLetterUserMatch.Concerns(letter.RawPayload ?? "", userId);
        }
        catch (JsonException)
        {
            // Not a letter this sink wrote: it cannot be shown not to hold the user, so it goes.
            logger.LogWarning("Dead letter {Container}/{Blob} is not a readable letter; deleted during an erasure", container, name);
            return true;
        }
    }
}
