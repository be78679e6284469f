using System.IO.Compression;
using System.Text.Json;
using Longview.Core.Serialization;
using Longview.Core.Training.Snapshot;

namespace Longview.Infrastructure.Training;

/// <summary>
/// Reads a snapshot the way the training job builds its leave-one-out data: per user, events sorted by (ts, itemId),
/// the newest 200 kept, then only the item types that signal interest. Malformed lines are skipped, as the job does.
/// </summary>
public static class SnapshotSequences
{
    public const int MaxLineBytes = 1 << 20;
    public const int MaxEventsPerUser = 200;

    private static readonly HashSet<string> SequenceTypes = new(["view", "click", "purchase", "rating", "like", "share"], StringComparer.Ordinal);

    /// <summary>
    /// The users of the snapshot from its line <paramref name="skipLines"/> on (0-based, counting every line, malformed
    /// or blank ones too), each with its line. The lines skipped are only split, never parsed: a sliced reader resumes
    /// part-way through a large snapshot at the cost of decompressing its start, not of reading every user before it.
    /// </summary>
    public static async IAsyncEnumerable<(long Line, string UserId, IReadOnlyList<string> Items)> ReadAsync(Stream compressed, long skipLines,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skipLines);
        await using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new StreamReader(gzip);
        for (long index = 0; await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line; index++)
        {
            if (index < skipLines || line.Length == 0 || line.Length > MaxLineBytes)
            {
                continue;
            }
            Line? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize<Line>(line, LongviewJson.Options);
            }
            catch (JsonException)
            {
                continue;
            }
            if (parsed?.UserId is null || parsed.Events is null)
            {
                continue;
            }
            var items = parsed.Events
                .Where(e => e is { ItemId: not null, Type: not null })
                .OrderBy(e => e.Ts).ThenBy(e => e.ItemId, StringComparer.Ordinal)
                .TakeLast(MaxEventsPerUser)
                .Where(e => SequenceTypes.Contains(e.Type))
                .Select(e => e.ItemId)
                .ToList();
            yield return (index, parsed.UserId, items);
        }
    }

    private sealed record Line(string? UserId, List<SnapshotEvent>? Events);
}
