using System.Text;
using Longview.Infrastructure.Onnx;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Onnx;

/// <summary>The provider serves what the real training job wrote, and scores as PyTorch did.</summary>
public sealed class TrainedModelParityTests(TrainedModel trained) : IClassFixture<TrainedModel>
{
    [TrainedModelFact]
    public async Task The_trained_version_loads_and_matches_its_reference_scores_and_top10()
    {
        var store = new InMemoryBlobStore();
        foreach (var name in new[] { "model.onnx", "churn.onnx", "manifest.json", "reference.json" })
        {
            await store.PutAsync("models", $"{trained.Version}/{name}", trained.File(name));
        }
        await store.PutAsync("models", "current.json", Encoding.UTF8.GetBytes($$"""{"version": "{{trained.Version}}", "path": "models/{{trained.Version}}/"}"""));
        using var provider = new OnnxModelProvider(store, TimeProvider.System, Options.Create(new OnnxModelOptions()), new ListLogger<OnnxModelProvider>());

        Assert.Equal(ModelRefreshOutcome.Loaded, await provider.RefreshAsync(default));

        using var lease = provider.Acquire()!;
        Assert.Equal(trained.Version, lease.Version);
        Assert.Equal(7, lease.ChurnFeatures.Count);
        using var reference = System.Text.Json.JsonDocument.Parse(trained.File("reference.json"));
        var cases = reference.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.NotEmpty(cases);
        foreach (var c in cases)
        {
            var input = c.GetProperty("itemIds").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var expected = c.GetProperty("scores").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var scores = new float[lease.ItemCount + 1];
            lease.Score(input, scores);

            var worst = Enumerable.Range(1, expected.Length - 1).Max(i => Math.Abs(scores[i] - expected[i]));
            Assert.True(worst <= 1e-4, $"user {c.GetProperty("userId")}: max |C# - torch| = {worst}");
            var top10 = Enumerable.Range(1, scores.Length - 1).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(10);
            Assert.Equal(c.GetProperty("top10").EnumerateArray().Select(e => e.GetInt32()), top10);
        }
    }
}
