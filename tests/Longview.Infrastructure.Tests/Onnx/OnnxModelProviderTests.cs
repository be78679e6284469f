using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Longview.Core.Serving.Models;
using Longview.Infrastructure.Onnx;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Onnx;

public sealed class OnnxModelProviderTests(TinyModels models) : IClassFixture<TinyModels>, IDisposable
{
    private readonly InMemoryBlobStore _store = new();
    private readonly ListLogger<OnnxModelProvider> _log = new();
    private OnnxModelProvider? _provider;

    private OnnxModelProvider Provider(TimeSpan? poll = null) => _provider ??= new OnnxModelProvider(
        _store, TimeProvider.System, Options.Create(new OnnxModelOptions { PollInterval = poll ?? TimeSpan.FromSeconds(30) }), _log);

    [TorchFact]
    public async Task Scores_match_the_reference_outputs_of_the_exporting_job()
    {
        await models.UploadAsync(_store, "v1");
        await TinyModels.PromoteAsync(_store, "v1");
        Assert.Equal(ModelRefreshOutcome.Loaded, await Provider().RefreshAsync(default));

        using var lease = Provider().Acquire()!;
        using var reference = models.Reference("v1");
        foreach (var c in reference.RootElement.GetProperty("cases").EnumerateArray())
        {
            var input = c.GetProperty("itemIds").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var expected = c.GetProperty("scores").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var scores = new float[lease.ItemCount + 1];
            lease.Score(input, scores);

            Assert.Equal(expected.Length, scores.Length);
            var worst = Enumerable.Range(1, expected.Length - 1).Max(i => Math.Abs(scores[i] - expected[i]));
            Assert.True(worst <= 1e-4, $"user {c.GetProperty("userId")}: max |C# - torch| = {worst}");
            var top10 = Enumerable.Range(1, scores.Length - 1).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(10);
            Assert.Equal(c.GetProperty("top10").EnumerateArray().Select(e => e.GetInt32()), top10);
        }
    }

    /// <summary>
    /// Churn is scored from the manifest's numbers only when they agree with churn.onnx on load; numbers that disagree
    /// or do not fit are logged and churn.onnx scores instead. Either way the probability is the exported model's.
    /// </summary>
    [TorchTheory]
    [InlineData("as exported", "churn by manifest churn.logistic", null)]
    [InlineData("bias moved", "churn by churn.onnx", "differs from churn.onnx")]
    [InlineData("one weight short", "churn by churn.onnx", "unusable (weight has 6 entries, the model 7 features)")]
    [InlineData("absent", "churn by churn.onnx", null)]
    public async Task Churn_probability_matches_the_exported_model(string logistic, string scoredBy, string? warning)
    {
        await models.UploadAsync(_store, "v1", alter: (name, content) =>
        {
            if (name != "manifest.json" || logistic == "as exported")
            {
                return content;
            }
            var manifest = JsonNode.Parse(content)!;
            var section = manifest["churn"]!["logistic"]!;
            switch (logistic)
            {
                case "bias moved": section["bias"] = section["bias"]!.GetValue<double>() + 0.5; break;
                case "one weight short": section["weight"]!.AsArray().RemoveAt(0); break;
                default: manifest["churn"]!.AsObject().Remove("logistic"); break;
            }
            return Encoding.UTF8.GetBytes(manifest.ToJsonString());
        });
        await TinyModels.PromoteAsync(_store, "v1");
        Assert.Equal(ModelRefreshOutcome.Loaded, await Provider().RefreshAsync(default));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Information && e.Message.Contains(scoredBy, StringComparison.Ordinal));
        var warnings = _log.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        if (warning is null)
        {
            Assert.Empty(warnings);
        }
        else
        {
            Assert.Contains(warnings, w => w.Contains(warning, StringComparison.Ordinal));
        }

        using var lease = Provider().Acquire()!;
        Assert.Equal(7, lease.ChurnFeatures.Count);
        using var reference = models.Reference("v1");
        foreach (var c in reference.RootElement.GetProperty("churnCases").EnumerateArray())
        {
            var features = c.GetProperty("features").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            Assert.Equal(c.GetProperty("churn").GetDouble(), lease.PredictChurn(features), 5);
        }
    }

    [TorchFact]
    public async Task Longer_histories_keep_their_newest_items()
    {
        await models.UploadAsync(_store, "v1");
        await TinyModels.PromoteAsync(_store, "v1");
        await Provider().RefreshAsync(default);
        using var lease = Provider().Acquire()!;
        var tail = Enumerable.Range(1, lease.MaxLength).ToArray();
        var longer = new[] { 7, 8, 9 }.Concat(tail).ToArray();
        float[] a = new float[lease.ItemCount + 1], b = new float[lease.ItemCount + 1];

        lease.Score(tail, a);
        lease.Score(longer, b);

        Assert.Equal(a, b);
    }

    [TorchFact]
    public async Task Scoring_allocates_nothing_once_warm()
    {
        await models.UploadAsync(_store, "v1");
        await TinyModels.PromoteAsync(_store, "v1");
        await Provider().RefreshAsync(default);
        using var lease = Provider().Acquire()!;
        var scores = new float[lease.ItemCount + 1];
        int[] sequence = [5, 6, 7, 8];
        for (var i = 0; i < 50; i++)
        {
            lease.Score(sequence, scores);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            lease.Score(sequence, scores);
        }
        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000.0;

        Assert.True(perCall < 1, $"{perCall} managed bytes per scoring call");
    }

    [TorchFact]
    public async Task No_pointer_means_no_model()
    {
        Assert.Equal(ModelRefreshOutcome.NoModel, await Provider().RefreshAsync(default));
        Assert.Null(Provider().Acquire());
        Assert.Null(Provider().Current);
    }

    public static TheoryData<string, string> BrokenVersions => new()
    {
        { "vocabulary", "needs 1x" },
        { "corrupt-model", "does not load" },
        { "missing-model", "model.onnx is missing" },
        { "bad-manifest", "not valid JSON" },
        { "churn-width", "churn.onnx" },
        { "unknown-feature", "unknown to this server" },
        { "window-too-long", "servingWindow.length" },
    };

    [TorchTheory]
    [MemberData(nameof(BrokenVersions))]
    public async Task A_broken_version_is_refused_with_its_reason_and_the_old_one_keeps_serving(string defect, string reason)
    {
        await models.UploadAsync(_store, "v1");
        await TinyModels.PromoteAsync(_store, "v1");
        await Provider().RefreshAsync(default);
        await models.UploadAsync(_store, "v2", "v2-broken", (name, content) => Break(defect, name, content));
        await TinyModels.PromoteAsync(_store, "v2-broken");

        Assert.Equal(ModelRefreshOutcome.Refused, await Provider().RefreshAsync(default));

        using var lease = Provider().Acquire()!;
        Assert.Equal("v1", lease.Version);
        var scores = new float[lease.ItemCount + 1];
        lease.Score([1, 2, 3], scores);
        Assert.Contains(scores[1..], s => s != 0);
        var refusal = Assert.Single(_log.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains(reason, refusal.Message, StringComparison.Ordinal);
        // The same refused pointer is not retried on every poll.
        Assert.Equal(ModelRefreshOutcome.Unchanged, await Provider().RefreshAsync(default));
    }

    [TorchFact]
    public async Task A_lease_keeps_its_version_alive_across_a_swap()
    {
        await models.UploadAsync(_store, "v1");
        await models.UploadAsync(_store, "v2");
        await TinyModels.PromoteAsync(_store, "v1");
        await Provider().RefreshAsync(default);
        var old = Provider().Acquire()!;

        await TinyModels.PromoteAsync(_store, "v2");
        Assert.Equal(ModelRefreshOutcome.Loaded, await Provider().RefreshAsync(default));

        Assert.Equal("v2", Provider().Current!.Version);
        var scores = new float[old.ItemCount + 1];
        old.Score([1, 2, 3], scores);
        Assert.Equal(ExpectedTop(models, "v1", [1, 2, 3]), Top(scores));
        old.Dispose();
        Assert.Throws<ObjectDisposedException>(() => old.Score([1], scores));
    }

    [TorchFact]
    public async Task Hot_swap_under_concurrent_requests_never_fails_or_mixes_versions()
    {
        await models.UploadAsync(_store, "v1");
        await models.UploadAsync(_store, "v2");
        await TinyModels.PromoteAsync(_store, "v1");
        await Provider().RefreshAsync(default);
        int[] sequence = [3, 1, 4, 1, 5];
        var expected = new Dictionary<string, int[]>
        {
            ["v1"] = ExpectedTop(models, "v1", sequence),
            ["v2"] = ExpectedTop(models, "v2", sequence),
        };
        Assert.NotEqual(expected["v1"], expected["v2"]);

        using var stop = new CancellationTokenSource();
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var requests = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var scores = new float[41];
            var served = 0;
            while (!stop.IsCancellationRequested || served < 50)
            {
                using var lease = Provider().Acquire() ?? throw new InvalidOperationException("no model during a swap");
                // One "response" scores twice; both must come from the version the lease names.
                lease.Score(sequence, scores);
                var first = Top(scores);
                lease.Score(sequence, scores);
                Assert.Equal(expected[lease.Version], first);
                Assert.Equal(expected[lease.Version], Top(scores));
                seen.AddOrUpdate(lease.Version, 1, (_, n) => n + 1);
                served++;
            }
            return served;
        })).ToArray();

        for (var swap = 0; swap < 10; swap++)
        {
            await TinyModels.PromoteAsync(_store, swap % 2 == 0 ? "v2" : "v1");
            Assert.Equal(ModelRefreshOutcome.Loaded, await Provider().RefreshAsync(default));
            await Task.Delay(5);
        }
        stop.Cancel();
        var served = await Task.WhenAll(requests);

        Assert.All(served, n => Assert.True(n >= 50));
        Assert.True(seen.ContainsKey("v1") && seen.ContainsKey("v2"), $"versions seen: {string.Join(", ", seen.Keys)}");
        Assert.Equal("v1", Provider().Current!.Version);
    }

    [TorchFact]
    public async Task The_polling_loop_picks_up_a_promotion()
    {
        await models.UploadAsync(_store, "v1");
        await models.UploadAsync(_store, "v2");
        await TinyModels.PromoteAsync(_store, "v1");
        using var cancel = new CancellationTokenSource();
        var loop = Provider(TimeSpan.FromMilliseconds(20)).RunAsync(cancel.Token);

        await WaitFor(() => Provider().Current?.Version == "v1");
        await TinyModels.PromoteAsync(_store, "v2");
        await WaitFor(() => Provider().Current?.Version == "v2");
        cancel.Cancel();
        await loop;
        Assert.Equal("v2", Provider().Current!.Version);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        // A generous bound so a loaded CI box cannot fail it; the assertion is the condition, not the time.
        for (var i = 0; i < 3000 && !condition(); i++)
        {
            await Task.Delay(10);
        }
        Assert.True(condition());
    }

    private static byte[]? Break(string defect, string name, byte[] content)
    {
        switch (defect, name)
        {
            case ("vocabulary", "manifest.json"):
                var manifest = JsonNode.Parse(content)!;
                manifest["items"]!.AsArray().RemoveAt(manifest["items"]!.AsArray().Count - 1);
                return Encoding.UTF8.GetBytes(manifest.ToJsonString());
            case ("corrupt-model", "model.onnx"):
                return content[..(content.Length / 2)];
            case ("missing-model", "model.onnx"):
                return null;
            case ("bad-manifest", "manifest.json"):
                return content[..(content.Length - 10)];
            case ("churn-width", "manifest.json"):
                var shorter = JsonNode.Parse(content)!;
                shorter["churn"]!["features"]!.AsArray().RemoveAt(0);
                return Encoding.UTF8.GetBytes(shorter.ToJsonString());
            case ("unknown-feature", "manifest.json"):
                var renamed = JsonNode.Parse(content)!;
                renamed["churn"]!["features"]![0] = "shoe_size";
                return Encoding.UTF8.GetBytes(renamed.ToJsonString());
            case ("window-too-long", "manifest.json"):
                var windowed = JsonNode.Parse(content)!;
                windowed["servingWindow"] = new JsonObject { ["length"] = windowed["maxLength"]!.GetValue<int>() + 1 };
                return Encoding.UTF8.GetBytes(windowed.ToJsonString());
            default:
                return content;
        }
    }

    [TorchFact]
    public async Task A_serving_window_scores_the_newest_items_of_a_history_only()
    {
        await models.UploadAsync(_store, "v1");
        await models.UploadAsync(_store, "v1", "v1-windowed", (name, content) =>
        {
            if (name != "manifest.json")
            {
                return content;
            }
            var manifest = JsonNode.Parse(content)!;
            manifest["servingWindow"] = new JsonObject { ["length"] = 3, ["tolerance"] = 0.002 };
            return Encoding.UTF8.GetBytes(manifest.ToJsonString());
        });
        await TinyModels.PromoteAsync(_store, "v1");
        await Provider().RefreshAsync(default);
        var history = new[] { 5, 1, 2, 3, 4 };
        float[] full, newest;
        using (var lease = Provider().Acquire()!)
        {
            Assert.True(lease.MaxLength >= history.Length);
            full = new float[lease.ItemCount + 1];
            newest = new float[lease.ItemCount + 1];
            lease.Score(history, full);
            lease.Score(history[^3..], newest);
        }
        await TinyModels.PromoteAsync(_store, "v1-windowed");
        Assert.Equal(ModelRefreshOutcome.Loaded, await Provider().RefreshAsync(default));

        using var windowedLease = Provider().Acquire()!;
        Assert.Equal(3, windowedLease.MaxLength);
        var windowed = new float[windowedLease.ItemCount + 1];
        windowedLease.Score(history, windowed);
        // The same numbers as the full model given the newest three items, and not those of the whole history.
        Assert.Equal(newest, windowed);
        Assert.NotEqual(full, windowed);
    }

    [TorchTheory]
    [InlineData("none")]
    [InlineData("fitted")]
    [InlineData("other features")]
    public async Task The_new_item_combiner_is_served_as_the_job_fitted_it_and_older_versions_keep_the_raw_text_score(string scoring)
    {
        var width = models.Reference("v1").RootElement.GetProperty("cases")[0].GetProperty("scores").GetArrayLength();
        await models.UploadAsync(_store, "v1", "v1-text", (name, content) =>
        {
            if (name != "manifest.json")
            {
                return content;
            }
            var manifest = JsonNode.Parse(content)!;
            var text = new JsonObject { ["file"] = "text_projection.bin", ["encoder"] = "words@1", ["textDimensions"] = 2, ["dim"] = 2 };
            if (scoring != "none")
            {
                var features = scoring == "fitted" ? new JsonArray("textScore", "categoryAffinity", "contentSimilarity", "recentCategoryAffinity") : new JsonArray("textScore", "logInteractions", "contentSimilarity", "recentCategoryAffinity");
                text["scoring"] = new JsonObject { ["features"] = features, ["weights"] = new JsonArray(0.25, 2.5, 3.0, 1.5), ["offset"] = -4.0, ["fittedOn"] = "pseudo-new items" };
            }
            manifest["text"] = text;
            return Encoding.UTF8.GetBytes(manifest.ToJsonString());
        });
        await _store.PutAsync("models", "v1-text/text_projection.bin", new byte[(2 * 2 + 2 + 2 * width) * sizeof(float)]);
        await TinyModels.PromoteAsync(_store, "v1-text");

        Assert.Equal(ModelRefreshOutcome.Loaded, await Provider().RefreshAsync(default));

        using var lease = Provider().Acquire()!;
        switch (scoring)
        {
            case "none":
                Assert.Same(Longview.Core.Semantics.NewItemScoring.Raw, lease.Text!.Scoring);
                break;
            case "fitted":
                var fitted = lease.Text!.Scoring;
                Assert.Equal((-4f, 0.25f, 2.5f, 3f, 1.5f), (fitted.Offset, fitted.TextWeight, fitted.CategoryWeight, fitted.ContentWeight, fitted.RecentCategoryWeight));
                break;
            default:
                // A combiner this server cannot compute: new items wait for retraining, known items still serve.
                Assert.Null(lease.Text);
                Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("logInteractions"));
                break;
        }
    }

    private static int[] Top(float[] scores) =>
        Enumerable.Range(1, scores.Length - 1).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(10).ToArray();

    /// <summary>The reference top-10 for a sequence, computed by ORT on the version's own file (independent of the provider).</summary>
    private static int[] ExpectedTop(TinyModels models, string version, int[] sequence)
    {
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(models.File(version, "model.onnx"));
        using var input = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(sequence.Select(i => (long)i).ToArray(), [1, sequence.Length]);
        using var outputs = session.Run(new Microsoft.ML.OnnxRuntime.RunOptions(), ["item_ids"], [input], ["scores"]);
        return Top(outputs[0].GetTensorDataAsSpan<float>().ToArray());
    }

    public void Dispose() => _provider?.Dispose();
}

public sealed class TorchTheoryAttribute : TheoryAttribute
{
    public TorchTheoryAttribute()
    {
        if (TinyModels.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
