using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Longview.Core.Semantics;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Cosmos;

/// <summary>
/// The Azure embedding store: container "embeddings", pk /itemId, id = the encoder (escaped by <see cref="CosmosIds"/>),
/// so an item's embeddings by several encoders share its partition and a new encoder writes next to the old one. The
/// vector is stored as base64 of its little-endian float32 bytes (384 values = 2 KB, bit-exact, half of a JSON array).
/// Writes and lookups are parallel point operations (the emulator has no bulk mode); a scan is one query by encoder.
/// </summary>
public sealed class CosmosItemEmbeddingStore(
    CosmosContainers containers,
    CosmosRequestCharges charges,
    IOptions<CosmosStoreOptions> options,
    ILogger<CosmosItemEmbeddingStore> logger) : IItemEmbeddingStore
{
    private readonly CosmosStoreOptions _options = options.Value;

    public async Task UpsertManyAsync(IReadOnlyList<ItemEmbedding> embeddings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        for (var i = 0; i < embeddings.Count; i++)
        {
            var e = embeddings[i] ?? throw new ArgumentException($"embeddings[{i}] is null.", nameof(embeddings));
            StoreKeys.Require(e.ItemId, $"embeddings[{i}].ItemId");
            if (string.IsNullOrEmpty(e.Encoder) || string.IsNullOrEmpty(e.TextHash) || e.Vector is not { Length: > 0 })
            {
                throw new ArgumentException($"embeddings[{i}] ('{e.ItemId}') needs an encoder, a text hash and a vector.", nameof(embeddings));
            }
        }
        var container = await containers.EmbeddingsAsync(cancellationToken).ConfigureAwait(false);
        var log = new CosmosCallLog(logger, charges, "upsert-many", _options.EmbeddingsContainer);
        await Parallel.ForEachAsync(embeddings, Parallelism(cancellationToken), async (e, ct) =>
        {
            var response = await container.UpsertItemAsync(EmbeddingDocument.From(e), new PartitionKey(e.ItemId), new ItemRequestOptions { EnableContentResponseOnWrite = false }, ct).ConfigureAwait(false);
            log.Charge(response.RequestCharge);
        }).ConfigureAwait(false);
        log.Complete(embeddings.Count);
    }

    public async Task<IReadOnlyDictionary<string, ItemEmbedding>> GetManyAsync(string encoder, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(encoder);
        ArgumentNullException.ThrowIfNull(itemIds);
        var container = await containers.EmbeddingsAsync(cancellationToken).ConfigureAwait(false);
        var log = new CosmosCallLog(logger, charges, "read-many", _options.EmbeddingsContainer);
        var ids = itemIds.Where(StoreKeys.IsValid).Distinct(StringComparer.Ordinal).ToArray();
        var documentId = CosmosIds.ToDocumentId(encoder);
        var found = new ItemEmbedding?[ids.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Length), Parallelism(cancellationToken), async (i, ct) =>
        {
            using var response = await container.ReadItemStreamAsync(documentId, new PartitionKey(ids[i]), cancellationToken: ct).ConfigureAwait(false);
            log.Charge(response.Headers.RequestCharge);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return;
            }
            response.EnsureSuccessStatusCode();
            found[i] = (await CosmosDocuments.ReadAsync<EmbeddingDocument>(response.Content, ct).ConfigureAwait(false)).ToEmbedding();
        }).ConfigureAwait(false);
        var result = new Dictionary<string, ItemEmbedding>(ids.Length, StringComparer.Ordinal);
        foreach (var embedding in found)
        {
            if (embedding is not null)
            {
                result[embedding.ItemId] = embedding;
            }
        }
        log.Complete(result.Count);
        return result;
    }

    public async IAsyncEnumerable<ItemEmbedding> ScanAsync(string encoder, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(encoder);
        var container = await containers.EmbeddingsAsync(cancellationToken).ConfigureAwait(false);
        var log = new CosmosCallLog(logger, charges, "scan", _options.EmbeddingsContainer);
        var count = 0;
        using var iterator = container.GetItemQueryIterator<EmbeddingDocument>(
            new QueryDefinition("SELECT * FROM c WHERE c.encoder = @encoder").WithParameter("@encoder", encoder),
            requestOptions: new QueryRequestOptions { MaxItemCount = _options.ScanPageSize });
        while (iterator.HasMoreResults)
        {
            var page = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            log.Charge(page.RequestCharge);
            foreach (var document in page)
            {
                count++;
                yield return document.ToEmbedding();
            }
        }
        log.Complete(count);
    }

    private ParallelOptions Parallelism(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = _options.MaxParallelOperations, CancellationToken = cancellationToken };

    /// <summary>The stored shape; <see cref="Vector"/> is base64 of little-endian float32.</summary>
    private sealed record EmbeddingDocument(string Id, string ItemId, string Encoder, string TextHash, DateTimeOffset ComputedAt, string Vector)
    {
        public static EmbeddingDocument From(ItemEmbedding e) =>
            new(CosmosIds.ToDocumentId(e.Encoder), e.ItemId, e.Encoder, e.TextHash, e.ComputedAt, Convert.ToBase64String(MemoryMarshal.AsBytes(e.Vector.AsSpan())));

        public ItemEmbedding ToEmbedding()
        {
            var bytes = Convert.FromBase64String(Vector);
            if (bytes.Length == 0 || bytes.Length % sizeof(float) != 0)
            {
                throw new InvalidDataException($"embedding of item '{ItemId}' ({Encoder}) has {bytes.Length} bytes, not a float32 vector.");
            }
            return new ItemEmbedding(ItemId, Encoder, TextHash, MemoryMarshal.Cast<byte, float>(bytes).ToArray(), ComputedAt);
        }
    }
}
