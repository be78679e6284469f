using Longview.Core.Training.Jobs;
using Longview.Core.Training.Promotion;
using Longview.Infrastructure.Onnx;
using Longview.Infrastructure.Tests.Onnx;
using Longview.Infrastructure.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Training;

public sealed class OnnxChampionEvaluatorTests(TinyModels models) : IClassFixture<TinyModels>
{
    [TorchFact]
    public async Task The_champion_ranks_only_the_snapshots_items_so_coverage_is_a_share_of_them()
    {
        // The champion knows item-1..item-40; the snapshot (the candidate's vocabulary) holds only item-1..item-8.
        var store = new InMemoryBlobStore();
        await models.UploadAsync(store, "v1");
        // A blank and a malformed line among the users: lines a slice counts, users it never scores.
        var lines = Enumerable.Range(0, 12).Select(u => SnapshotLine(u, items: 8)).ToList();
        lines.Insert(4, "");
        lines.Insert(7, "{\"userId\":");
        await store.PutAsync("training", "run/snapshot.ndjson.gz", Snapshots.Gzip(string.Join('\n', lines)));
        var evaluator = new OnnxChampionEvaluator(store, Options.Create(new OnnxModelOptions()), NullLogger<OnnxChampionEvaluator>.Instance);

        var snapshot = new BlobLocation("training", "run/snapshot.ndjson.gz");
        var whole = await evaluator.EvaluateAsync("v1", "v1/", snapshot, 0, int.MaxValue, default);
        var oneSlice = new ChampionEvaluationTally();
        oneSlice.Add(whole);
        var metrics = oneSlice.Metrics();

        // Evaluated in slices of 5 users (as the workflow does within an activity's time limit): the same metrics.
        var sliced = new ChampionEvaluationTally();
        long slicedUsers = 0;
        for (long next = 0; ;)
        {
            var part = await evaluator.EvaluateAsync("v1", "v1/", snapshot, next, 5, default);
            sliced.Add(part);
            slicedUsers += part.Users;
            if (part.Done)
            {
                break;
            }
            next = part.NextUser;
        }
        Assert.True(whole.Done);
        Assert.Equal(3, sliced.Parts);
        Assert.Equal((12, 12), (whole.Users, slicedUsers));
        Assert.Equal(metrics.NdcgAt10, sliced.Metrics().NdcgAt10, 12);
        Assert.Equal(metrics.CoverageAt10, sliced.Metrics().CoverageAt10);
        // The item set was read once for the snapshot's ETag: the whole run read it twice (items, users), each slice once.
        Assert.Equal(2 + 3, store.Opened("training", "run/snapshot.ndjson.gz"));

        // Each user's four inputs are excluded, so each top-10 can hold at most the 4 other snapshot items: the lists
        // together reach some of the 8, never items outside them (which would push the share past 1).
        Assert.InRange(metrics.CoverageAt10, 1.0 / 8, 1.0);
        Assert.Equal(0, metrics.CoverageAt10 * 8 % 1, 9);
        Assert.InRange(metrics.NdcgAt10, 1 / Math.Log2(5) - 1e-9, 1.0); // the target is one of at most 4 candidates
    }

    [TorchFact]
    public async Task A_replaced_snapshot_is_ranked_over_its_own_items()
    {
        var store = new InMemoryBlobStore();
        await models.UploadAsync(store, "v1");
        var evaluator = new OnnxChampionEvaluator(store, Options.Create(new OnnxModelOptions()), NullLogger<OnnxChampionEvaluator>.Instance);
        var snapshot = new BlobLocation("training", "run/snapshot.ndjson.gz");

        await store.PutAsync("training", snapshot.Name, Snapshots.Gzip(string.Join('\n', Enumerable.Range(0, 6).Select(u => SnapshotLine(u, items: 8)))));
        var first = await evaluator.EvaluateAsync("v1", "v1/", snapshot, 0, int.MaxValue, default);
        // Written again under the same name (a new ETag), with fewer items: its own item set, not the one kept.
        await store.PutAsync("training", snapshot.Name, Snapshots.Gzip(string.Join('\n', Enumerable.Range(0, 6).Select(u => SnapshotLine(u, items: 5)))));
        var second = await evaluator.EvaluateAsync("v1", "v1/", snapshot, 0, int.MaxValue, default);

        Assert.Equal((8, 5), (first.SnapshotItems, second.SnapshotItems));
        Assert.All(second.Recommended, item => Assert.InRange(int.Parse(item["item-".Length..], System.Globalization.CultureInfo.InvariantCulture), 1, 5));
    }

    /// <summary>User <paramref name="user"/>'s snapshot line: five views over item-1..item-<paramref name="items"/>.</summary>
    private static string SnapshotLine(int user, int items)
    {
        var events = Enumerable.Range(0, 5).Select(i => "{\"itemId\":\"item-" + (1 + (user + 3 * i) % items) + "\",\"ts\":" + (1_700_000_000 + 60 * i) + ",\"type\":\"view\"}");
        return "{\"userId\":\"u" + user + "\",\"events\":[" + string.Join(',', events) + "],\"activeDays\":[],\"counts\":{}}";
    }
}
