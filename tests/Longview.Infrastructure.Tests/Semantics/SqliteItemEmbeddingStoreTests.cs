using Longview.Core.Semantics;
using Longview.Infrastructure.Embedded.Sqlite;
using Longview.Infrastructure.Tests.Embedded;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longview.Infrastructure.Tests.Semantics;

public sealed class SqliteItemEmbeddingStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 2, 0, 0, TimeSpan.FromHours(1));
    private readonly SqliteStoreFactory _stores = new(scanPageSize: 3);

    private SqliteItemEmbeddingStore Open() =>
        _stores.Track(new SqliteItemEmbeddingStore(Microsoft.Extensions.Options.Options.Create(_stores.Options()), NullLogger<SqliteItemEmbeddingStore>.Instance));

    private static ItemEmbedding Embedding(string itemId, string encoder, string hash, params float[] vector) => new(itemId, encoder, hash, vector, At);

    [Fact]
    public async Task Keeps_one_embedding_per_item_and_encoder_bit_exact_across_a_reopen()
    {
        var store = Open();
        await store.UpsertManyAsync([Embedding("m1", "a@1", "h1", 0.1f, -2.5e-7f, float.Epsilon), Embedding("m1", "b@2", "h1", 1, 2), Embedding("m/2", "a@1", "h2", 3, 4, 5)]);
        await store.UpsertManyAsync([Embedding("m1", "a@1", "h3", 0.5f, 0.25f, 0.125f)]);
        _stores.Close(store);

        var reopened = Open();
        var a = await reopened.GetManyAsync("a@1", ["m1", "m/2", "absent", "m1"]);

        Assert.Equal(["m/2", "m1"], a.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("h3", a["m1"].TextHash);
        Assert.Equal(new[] { 0.5f, 0.25f, 0.125f }, a["m1"].Vector);
        Assert.Equal(At, a["m1"].ComputedAt);
        var other = await reopened.GetManyAsync("b@2", ["m1"]);
        Assert.Equal(new[] { 1f, 2f }, other["m1"].Vector);
    }

    [Fact]
    public async Task Scans_every_embedding_of_one_encoder_across_pages()
    {
        var store = Open();
        await store.UpsertManyAsync([.. Enumerable.Range(0, 10).Select(i => Embedding($"m{i}", "a@1", "h", i)), Embedding("m0", "other@1", "h", 9)]);

        var scanned = new List<ItemEmbedding>();
        await foreach (var e in store.ScanAsync("a@1"))
        {
            scanned.Add(e);
        }

        Assert.Equal(10, scanned.Count);
        Assert.All(scanned, e => Assert.Equal("a@1", e.Encoder));
        Assert.Equal(new[] { 0f }, scanned.Single(e => e.ItemId == "m0").Vector);
    }

    [Fact]
    public async Task Refuses_an_embedding_without_a_vector_naming_it()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Open().UpsertManyAsync([Embedding("m1", "a@1", "h")]));

        Assert.Contains("embeddings[0] ('m1')", error.Message);
    }

    public void Dispose() => _stores.Dispose();
}
