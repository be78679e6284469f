using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using Longview.Core.Semantics;
using Longview.Core.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Embedded.Sqlite;

/// <summary>
/// The self-hosted embedding store: one row per (encoder, item) in its own SQLite file beside the catalogue, the vector
/// as little-endian float32 bytes (384 values = 1.5 KB, a third of their JSON).
/// </summary>
public sealed class SqliteItemEmbeddingStore : IItemEmbeddingStore, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS item_embeddings (
            encoder TEXT NOT NULL,
            item_id TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            computed_at TEXT NOT NULL,
            vector BLOB NOT NULL,
            PRIMARY KEY (encoder, item_id)
        ) WITHOUT ROWID;
        """;

    private const int LookupChunk = 1_000;

    private readonly SqliteDatabase _database;
    private readonly EmbeddedStoreOptions _options;

    public SqliteItemEmbeddingStore(IOptions<EmbeddedStoreOptions> options, ILogger<SqliteItemEmbeddingStore> logger)
    {
        _options = options.Value;
        _database = SqliteDatabase.In(_options, _options.EmbeddingDatabaseFile, Schema);
        logger.LogInformation("Item embeddings opened at {DatabasePath}", _database.FilePath);
    }

    public async Task UpsertManyAsync(IReadOnlyList<ItemEmbedding> embeddings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        if (embeddings.Count > _options.MaxWriteBatch)
        {
            throw new ArgumentException($"{embeddings.Count} embeddings in one call; the limit is {_options.MaxWriteBatch}.", nameof(embeddings));
        }
        for (var i = 0; i < embeddings.Count; i++)
        {
            var e = embeddings[i] ?? throw new ArgumentException($"embeddings[{i}] is null.", nameof(embeddings));
            StoreKeys.Require(e.ItemId, $"embeddings[{i}].ItemId");
            if (string.IsNullOrEmpty(e.Encoder) || string.IsNullOrEmpty(e.TextHash) || e.Vector is not { Length: > 0 })
            {
                throw new ArgumentException($"embeddings[{i}] ('{e.ItemId}') needs an encoder, a text hash and a vector.", nameof(embeddings));
            }
        }
        await _database.WriteRowsAsync(embeddings, """
            INSERT INTO item_embeddings (encoder, item_id, text_hash, computed_at, vector) VALUES ($encoder, $id, $hash, $at, $vector)
            ON CONFLICT (encoder, item_id) DO UPDATE SET text_hash = excluded.text_hash, computed_at = excluded.computed_at, vector = excluded.vector
            """, command =>
        {
            var encoder = command.Parameters.Add("$encoder", SqliteType.Text);
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var hash = command.Parameters.Add("$hash", SqliteType.Text);
            var at = command.Parameters.Add("$at", SqliteType.Text);
            var vector = command.Parameters.Add("$vector", SqliteType.Blob);
            return e =>
            {
                encoder.Value = e.Encoder;
                id.Value = e.ItemId;
                hash.Value = e.TextHash;
                at.Value = e.ComputedAt.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                vector.Value = MemoryMarshal.AsBytes(e.Vector.AsSpan()).ToArray();
            };
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyDictionary<string, ItemEmbedding>> GetManyAsync(string encoder, IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(encoder);
        ArgumentNullException.ThrowIfNull(itemIds);
        if (itemIds.Count > _options.MaxLookupIds)
        {
            throw new ArgumentException($"{itemIds.Count} ids in one lookup; the limit is {_options.MaxLookupIds}.", nameof(itemIds));
        }
        var found = new Dictionary<string, ItemEmbedding>(StringComparer.Ordinal);
        var distinct = itemIds.Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<string, ItemEmbedding>>(found);
        }
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT item_id, text_hash, computed_at, vector FROM item_embeddings WHERE encoder = $encoder AND item_id IN (SELECT value FROM json_each($ids))";
        command.Parameters.AddWithValue("$encoder", encoder);
        var ids = command.Parameters.Add("$ids", SqliteType.Text);
        foreach (var chunk in distinct.Chunk(LookupChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ids.Value = JsonSerializer.Serialize(chunk, LongviewJson.Options);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var embedding = Read(encoder, reader);
                found[embedding.ItemId] = embedding;
            }
        }
        return Task.FromResult<IReadOnlyDictionary<string, ItemEmbedding>>(found);
    }

    /// <summary>Keyset pages in item id order, each on its own short read.</summary>
    public async IAsyncEnumerable<ItemEmbedding> ScanAsync(string encoder, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(encoder);
        string? after = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = ReadPage(encoder, after);
            foreach (var embedding in page)
            {
                yield return embedding;
            }
            if (page.Count < _options.ScanPageSize)
            {
                yield break;
            }
            after = page[^1].ItemId;
            await Task.Yield();
        }
    }

    public void Dispose() => _database.Dispose();

    private List<ItemEmbedding> ReadPage(string encoder, string? after)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = after is null
            ? "SELECT item_id, text_hash, computed_at, vector FROM item_embeddings WHERE encoder = $encoder ORDER BY item_id LIMIT $limit"
            : "SELECT item_id, text_hash, computed_at, vector FROM item_embeddings WHERE encoder = $encoder AND item_id > $after ORDER BY item_id LIMIT $limit";
        command.Parameters.AddWithValue("$encoder", encoder);
        command.Parameters.AddWithValue("$limit", _options.ScanPageSize);
        if (after is not null)
        {
            command.Parameters.AddWithValue("$after", after);
        }
        var page = new List<ItemEmbedding>(_options.ScanPageSize);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            page.Add(Read(encoder, reader));
        }
        return page;
    }

    private ItemEmbedding Read(string encoder, SqliteDataReader reader)
    {
        var itemId = reader.GetString(0);
        var bytes = reader.GetFieldValue<byte[]>(3);
        if (bytes.Length == 0 || bytes.Length % sizeof(float) != 0)
        {
            throw new InvalidDataException($"embedding of item '{itemId}' ({encoder}) in {_database.FilePath} has {bytes.Length} bytes, not a float32 vector.");
        }
        var vector = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        var at = DateTimeOffset.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);
        return new ItemEmbedding(itemId, encoder, reader.GetString(1), vector, at);
    }
}
