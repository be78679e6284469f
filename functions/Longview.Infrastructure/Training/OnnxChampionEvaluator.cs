using Longview.Core.Ports;
using Longview.Core.Training.Jobs;
using Longview.Core.Training.Promotion;
using Longview.Infrastructure.Onnx;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Training;

/// <summary>
/// Scores the serving model on a run's snapshot with the training job's protocol, so the champion is judged on the
/// candidate's holdout: each user with at least three sequence items is asked for the last item given all the others,
/// ranked against the snapshot's items, the candidate's vocabulary (input items excluded, ties by lower index); NDCG@10
/// averaged over those users; coverage@10 = distinct items in the top-10 lists over the snapshot's item count (so at most
/// 1). A test item the champion has never seen counts as a miss: it could not have recommended it. The users are
/// streamed, never held in memory. One call scores one slice of the snapshot's lines (a user each; the workflow calls
/// it until the part says done), so the scoring never outlives an activity's time limit. A slice decompresses the
/// snapshot up to its first line without parsing the users before it; the snapshot's item set, a whole parsing pass,
/// is kept for the last snapshot evaluated (by its ETag), so the slices after the first on this instance skip it:
/// with both read again per slice, a snapshot of S slices was parsed about 1.5 S times.
/// </summary>
public sealed class OnnxChampionEvaluator(IBlobStore blobs, IOptions<OnnxModelOptions> onnx, ILogger<OnnxChampionEvaluator> logger) : IChampionEvaluator
{
    private const int K = 10;

    // The item set of the snapshot evaluated last; an immutable value, replaced whole (a race computes it twice).
    private volatile SnapshotItemSet? _lastItems;

    private sealed record SnapshotItemSet(BlobLocation Snapshot, string ETag, IReadOnlySet<string> Items);

    public async Task<ChampionEvaluationPart> EvaluateAsync(string version, string modelFolder, BlobLocation snapshot, long firstUser, int maxUsers, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstUser);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUsers, 1);
        var settings = onnx.Value;
        var manifestBlob = await blobs.GetAsync(settings.Container, modelFolder + "manifest.json", cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{settings.Container}/{modelFolder}manifest.json is missing");
        var manifest = ModelManifest.Parse(manifestBlob.Content, version, settings);
        byte[] modelBytes;
        await using (var model = await blobs.OpenReadAsync(settings.Container, modelFolder + "model.onnx", cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{settings.Container}/{modelFolder}model.onnx is missing"))
        {
            using var buffer = new MemoryStream();
            await model.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            modelBytes = buffer.ToArray();
        }
        using var scorer = new SequenceScorer(new OnnxSessionFactory(settings, logger).Create(modelBytes, "model.onnx"), manifest.Manifest.ServedLength, manifest.ItemsByIndex.Length);

        // The candidate's vocabulary is the snapshot's items, so the champion ranks those only: items it knows that the
        // snapshot lacks would take top-10 slots the candidate cannot fill, and push coverage over 1.
        var snapshotItems = await SnapshotItemsAsync(snapshot, cancellationToken).ConfigureAwait(false);
        var outside = new bool[scorer.Width];
        outside.AsSpan().Fill(true);
        foreach (var item in snapshotItems)
        {
            outside[manifest.IndexByItem.GetValueOrDefault(item)] = false;
        }
        outside[0] = true;

        await using var stream = await OpenSnapshotAsync(snapshot, cancellationToken).ConfigureAwait(false);
        var recommended = new HashSet<int>();
        var scores = new float[scorer.Width];
        var blocked = new bool[scorer.Width];
        var input = new List<int>();
        var top = new int[K];
        double gains = 0;
        long users = 0;
        // The line the next slice starts at: past the last line read, or the first line past this slice.
        var next = firstUser;
        var done = true;
        await foreach (var (lineIndex, _, items) in SnapshotSequences.ReadAsync(stream, firstUser, cancellationToken).ConfigureAwait(false))
        {
            if (lineIndex >= firstUser + maxUsers)
            {
                // A user past the slice: there is more to do, and the next slice starts at that user's line.
                next = lineIndex;
                done = false;
                break;
            }
            next = lineIndex + 1;
            if (items.Count < 3)
            {
                continue;
            }
            users++;
            input.Clear();
            for (var i = 0; i < items.Count - 1; i++)
            {
                var index = manifest.IndexByItem.GetValueOrDefault(items[i]);
                if (index > 0)
                {
                    input.Add(index);
                }
            }
            if (input.Count == 0)
            {
                continue;
            }
            scorer.Score(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(input), scores);
            outside.CopyTo(blocked, 0);
            foreach (var index in input)
            {
                blocked[index] = true;
            }
            for (var j = 0; j < scores.Length; j++)
            {
                if (blocked[j])
                {
                    scores[j] = float.NegativeInfinity;
                }
            }
            var target = manifest.IndexByItem.GetValueOrDefault(items[^1]);
            if (target > 0)
            {
                var rank = Rank(scores, target);
                if (rank <= K)
                {
                    gains += 1.0 / Math.Log2(rank + 1);
                }
            }
            var count = Core.Ranking.TopK.Select(scores, blocked, top);
            for (var i = 0; i < count; i++)
            {
                recommended.Add(top[i]);
            }
        }
        logger.LogInformation("Champion {Version} on {Snapshot}: snapshot lines from {First} scored ({Users} evaluated){Done}",
            version, snapshot.ToString(), firstUser, users, done ? ", the last slice" : $", next slice from line {next}");
        return new ChampionEvaluationPart(users, gains, [.. recommended.Select(i => manifest.ItemsByIndex[i]!)], snapshotItems.Count, next, done);
    }

    /// <summary>1-based rank of the target under (score desc, index asc), the job's order.</summary>
    internal static int Rank(ReadOnlySpan<float> scores, int target)
    {
        var t = scores[target];
        var ahead = 0;
        for (var j = 0; j < scores.Length; j++)
        {
            if (scores[j] > t || (scores[j] == t && j < target))
            {
                ahead++;
            }
        }
        return ahead + 1;
    }

    private async Task<IReadOnlySet<string>> SnapshotItemsAsync(BlobLocation snapshot, CancellationToken cancellationToken)
    {
        var etag = await blobs.GetETagAsync(snapshot.Container, snapshot.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"snapshot {snapshot} is missing");
        if (_lastItems is { } last && last.Snapshot == snapshot && last.ETag == etag)
        {
            return last.Items;
        }
        var items = new HashSet<string>(StringComparer.Ordinal);
        await using var stream = await OpenSnapshotAsync(snapshot, cancellationToken).ConfigureAwait(false);
        await foreach (var (_, _, sequence) in SnapshotSequences.ReadAsync(stream, skipLines: 0, cancellationToken).ConfigureAwait(false))
        {
            items.UnionWith(sequence);
        }
        _lastItems = new SnapshotItemSet(snapshot, etag, items);
        return items;
    }

    private async Task<Stream> OpenSnapshotAsync(BlobLocation snapshot, CancellationToken cancellationToken) =>
        await blobs.OpenReadAsync(snapshot.Container, snapshot.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"snapshot {snapshot} is missing");
}
