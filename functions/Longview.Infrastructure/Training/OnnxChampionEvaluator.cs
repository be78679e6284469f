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
/// ranked against every item (input items and padding excluded, ties by lower index); NDCG@10 averaged over those users;
/// coverage@10 = distinct items in the top-10 lists over the snapshot's item count. A test item the champion has never
/// seen counts as a miss: it could not have recommended it.
/// </summary>
public sealed class OnnxChampionEvaluator(IBlobStore blobs, IOptions<OnnxModelOptions> onnx, ILogger<OnnxChampionEvaluator> logger) : IChampionEvaluator
{
    private const int K = 10;

    public async Task<ModelMetrics> EvaluateAsync(string version, string modelFolder, BlobLocation snapshot, CancellationToken cancellationToken)
    {
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
        using var scorer = new SequenceScorer(OnnxSessionFactory.Create(modelBytes, settings, "model.onnx"), manifest.Manifest.MaxLength, manifest.ItemsByIndex.Length);

        await using var stream = await blobs.OpenReadAsync(snapshot.Container, snapshot.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"snapshot {snapshot} is missing");
        var snapshotItems = new HashSet<string>(StringComparer.Ordinal);
        var recommended = new HashSet<int>();
        var scores = new float[scorer.Width];
        var input = new List<int>();
        var top = new int[K];
        double gains = 0;
        long users = 0;
        await foreach (var (_, items) in SnapshotSequences.ReadAsync(stream, cancellationToken).ConfigureAwait(false))
        {
            snapshotItems.UnionWith(items);
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
            scores[0] = float.NegativeInfinity;
            foreach (var index in input)
            {
                scores[index] = float.NegativeInfinity;
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
            var count = TopK(scores, top);
            for (var i = 0; i < count; i++)
            {
                recommended.Add(top[i]);
            }
        }
        if (users == 0)
        {
            throw new InvalidOperationException($"snapshot {snapshot} has no user with three or more sequence items to evaluate on");
        }
        var metrics = new ModelMetrics(gains / users, snapshotItems.Count == 0 ? 0 : (double)recommended.Count / snapshotItems.Count, null);
        logger.LogInformation("Champion {Version} on {Snapshot}: NDCG@10 {Ndcg:F4}, coverage@10 {Coverage:F4} over {Users} users",
            version, snapshot.ToString(), metrics.NdcgAt10, metrics.CoverageAt10, users);
        return metrics;
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

    /// <summary>Indices of the best finite scores, best first (ties by lower index); returns how many were found.</summary>
    internal static int TopK(ReadOnlySpan<float> scores, Span<int> top)
    {
        var count = 0;
        for (var j = 0; j < scores.Length; j++)
        {
            var s = scores[j];
            if (float.IsNegativeInfinity(s) || (count == top.Length && s <= scores[top[count - 1]]))
            {
                continue;
            }
            var position = count < top.Length ? count++ : count - 1;
            while (position > 0 && scores[top[position - 1]] < s)
            {
                top[position] = top[position - 1];
                position--;
            }
            top[position] = j;
        }
        return count;
    }
}
