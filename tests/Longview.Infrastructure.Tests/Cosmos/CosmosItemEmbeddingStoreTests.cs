using Longview.Core.Semantics;
using Longview.Infrastructure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longview.Infrastructure.Tests.Cosmos;

/// <summary>The Cosmos embedding store against the emulator: the same behaviour as the SQLite one (SqliteItemEmbeddingStoreTests).</summary>
public sealed class CosmosItemEmbeddingStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 2, 0, 0, TimeSpan.FromHours(1));
    private CosmosEmulator _cosmos = null!;
    private CosmosItemEmbeddingStore _store = null!;

    public Task InitializeAsync()
    {
        if (CosmosEmulator.SkipReason is null)
        {
            _cosmos = new CosmosEmulator(o => o.ScanPageSize = 3);
            _store = new CosmosItemEmbeddingStore(_cosmos.Containers, _cosmos.Charges, Microsoft.Extensions.Options.Options.Create(_cosmos.Options), NullLogger<CosmosItemEmbeddingStore>.Instance);
        }
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_cosmos is not null)
        {
            await _cosmos.DisposeAsync();
        }
    }

    private static ItemEmbedding Embedding(string itemId, string encoder, string hash, params float[] vector) => new(itemId, encoder, hash, vector, At);

    [CosmosFact]
    public async Task Keeps_one_embedding_per_item_and_encoder_bit_exact()
    {
        await _store.UpsertManyAsync([Embedding("m1", "a@1", "h1", 0.1f, -2.5e-7f, float.Epsilon), Embedding("m1", "b/2", "h1", 1, 2), Embedding("m/2", "a@1", "h2", 3, 4, 5)]);
        await _store.UpsertManyAsync([Embedding("m1", "a@1", "h3", 0.5f, 0.25f, 0.125f)]);

        var a = await _store.GetManyAsync("a@1", ["m1", "m/2", "absent", "m1"]);

        Assert.Equal(["m/2", "m1"], a.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("h3", a["m1"].TextHash);
        Assert.Equal(new[] { 0.5f, 0.25f, 0.125f }, a["m1"].Vector);
        Assert.Equal(new[] { 3f, 4f, 5f }, a["m/2"].Vector);
        Assert.Equal(At, a["m1"].ComputedAt);
        var other = await _store.GetManyAsync("b/2", ["m1", "m/2"]);
        Assert.Equal(new[] { 1f, 2f }, Assert.Single(other).Value.Vector);
    }

    [CosmosFact]
    public async Task Keeps_the_exact_bits_of_every_float()
    {
        var vector = new[] { float.Epsilon, -0f, 1e-38f, 3.4028235e38f, 0.1f, (float)Math.PI };
        await _store.UpsertManyAsync([Embedding("m1", "a@1", "h", vector)]);

        var read = (await _store.GetManyAsync("a@1", ["m1"]))["m1"].Vector;

        Assert.Equal(vector.Select(BitConverter.SingleToInt32Bits), read.Select(BitConverter.SingleToInt32Bits));
    }

    [CosmosFact]
    public async Task Scans_every_embedding_of_one_encoder_across_pages()
    {
        await _store.UpsertManyAsync([.. Enumerable.Range(0, 10).Select(i => Embedding($"m{i}", "a@1", "h", i)), Embedding("m0", "other@1", "h", 9)]);

        var scanned = new List<ItemEmbedding>();
        await foreach (var e in _store.ScanAsync("a@1"))
        {
            scanned.Add(e);
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"m{i}"), scanned.Select(e => e.ItemId).Order(StringComparer.Ordinal));
        Assert.All(scanned, e => Assert.Equal("a@1", e.Encoder));
        Assert.Equal(new[] { 0f }, scanned.Single(e => e.ItemId == "m0").Vector);
    }

    [CosmosFact]
    public async Task Refuses_an_embedding_without_a_vector_naming_it_before_writing_any()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _store.UpsertManyAsync([Embedding("ok", "a@1", "h", 1), Embedding("m1", "a@1", "h")]));

        Assert.Contains("embeddings[1] ('m1')", error.Message);
        Assert.Empty(await _store.GetManyAsync("a@1", ["ok"]));
    }
}
