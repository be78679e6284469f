using System.IO.Compression;
using System.Text;
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
        var lines = Enumerable.Range(0, 12).Select(u =>
        {
            var events = Enumerable.Range(0, 5).Select(i => "{\"itemId\":\"item-" + (1 + (u + 3 * i) % 8) + "\",\"ts\":" + (1_700_000_000 + 60 * i) + ",\"type\":\"view\"}");
            return "{\"userId\":\"u" + u + "\",\"events\":[" + string.Join(',', events) + "],\"activeDays\":[],\"counts\":{}}";
        });
        await store.PutAsync("training", "run/snapshot.ndjson.gz", Gzip(string.Join('\n', lines)));
        var evaluator = new OnnxChampionEvaluator(store, Options.Create(new OnnxModelOptions()), NullLogger<OnnxChampionEvaluator>.Instance);

        var snapshot = new BlobLocation("training", "run/snapshot.ndjson.gz");
        var whole = await evaluator.EvaluateAsync("v1", "v1/", snapshot, 0, int.MaxValue, default);
        var oneSlice = new ChampionEvaluationTally();
        oneSlice.Add(whole);
        var metrics = oneSlice.Metrics();

        // Evaluated in slices of 5 users (as the workflow does within an activity's time limit): the same metrics.
        var sliced = new ChampionEvaluationTally();
        for (long next = 0; ;)
        {
            var part = await evaluator.EvaluateAsync("v1", "v1/", snapshot, next, 5, default);
            sliced.Add(part);
            if (part.Done)
            {
                break;
            }
            next = part.NextUser;
        }
        Assert.True(whole.Done);
        Assert.Equal(3, sliced.Parts);
        Assert.Equal(metrics.NdcgAt10, sliced.Metrics().NdcgAt10, 12);
        Assert.Equal(metrics.CoverageAt10, sliced.Metrics().CoverageAt10);

        // Each user's four inputs are excluded, so each top-10 can hold at most the 4 other snapshot items: the lists
        // together reach some of the 8, never items outside them (which would push the share past 1).
        Assert.InRange(metrics.CoverageAt10, 1.0 / 8, 1.0);
        Assert.Equal(0, metrics.CoverageAt10 * 8 % 1, 9);
        Assert.InRange(metrics.NdcgAt10, 1 / Math.Log2(5) - 1e-9, 1.0); // the target is one of at most 4 candidates
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        return buffer.ToArray();
    }
}
