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

    public static async IAsyncEnumerable<(string UserId, IReadOnlyList<string> Items)> ReadAsync(Stream compressed, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new StreamReader(gzip);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0 || line.Length > MaxLineBytes)
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
            yield return (parsed.UserId, items);
        }
    }

    private sealed record Line(string? UserId, List<SnapshotEvent>? Events);
}
