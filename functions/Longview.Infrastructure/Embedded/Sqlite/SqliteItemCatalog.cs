using System.Runtime.CompilerServices;
using System.Text.Json;
using Longview.Core.Items;
using Longview.Core.Ports;
using Longview.Core.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Embedded.Sqlite;

/// <summary>
/// The self-hosted item catalogue: one row per item holding it as UTF-8 JSON, in its own SQLite file. Lookups go
/// through a bounded in-memory cache (ingestion looks up thousands of items per batch, and the catalogue changes
/// rarely) that any upsert, from this process or another, invalidates.
/// </summary>
public sealed class SqliteItemCatalog : IItemCatalog, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS items (
            item_id TEXT NOT NULL PRIMARY KEY,
            body BLOB NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS catalog_version (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        );
        INSERT OR IGNORE INTO catalog_version (id, version) VALUES (1, 0);
        """;

    private const int LookupChunk = 1_000;

    private readonly SqliteDatabase _database;
    private readonly EmbeddedStoreOptions _options;
    private readonly CatalogCache _cache;

    public SqliteItemCatalog(IOptions<EmbeddedStoreOptions> options, ILogger<SqliteItemCatalog> logger)
    {
        _options = options.Value;
        _database = SqliteDatabase.In(_options, _options.CatalogDatabaseFile, Schema);
        _cache = new CatalogCache(_options.MaxCachedItems);
        logger.LogInformation("Item catalog opened at {DatabasePath}", _database.FilePath);
    }

    /// <summary>All items of the call in one transaction: either every item is stored or, on invalid input, none.</summary>
    public async Task UpsertManyAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count > _options.MaxWriteBatch)
        {
            throw new ArgumentException($"{items.Count} items in one call; the limit is {_options.MaxWriteBatch}.", nameof(items));
        }
        if (items.Count == 0)
        {
            return;
        }

        // Every body is serialized (and checked) before the write starts: a bad item stores nothing.
        var rows = items.Select((item, i) => (item.ItemId, Body: Serialize(item, i))).ToList();
        await _database.WriteRowsAsync(rows, """
            INSERT INTO items (item_id, body) VALUES ($id, $body)
            ON CONFLICT (item_id) DO UPDATE SET body = excluded.body
            """, command =>
        {
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var body = command.Parameters.Add("$body", SqliteType.Blob);
            return row =>
            {
                id.Value = row.ItemId;
                body.Value = row.Body;
            };
        }, cancellationToken, finalStatement: "UPDATE catalog_version SET version = version + 1 WHERE id = 1").ConfigureAwait(false);
    }

    public Task<IReadOnlyDictionary<string, CatalogItem>> GetManyAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        if (itemIds.Count > _options.MaxLookupIds)
        {
            throw new ArgumentException($"{itemIds.Count} ids in one lookup; the limit is {_options.MaxLookupIds}.", nameof(itemIds));
        }
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var id in itemIds)
        {
            StoreKeys.Require(id, $"{nameof(itemIds)}[{index++}]");
            distinct.Add(id);
        }
        var found = new Dictionary<string, CatalogItem>(distinct.Count, StringComparer.Ordinal);
        if (distinct.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<string, CatalogItem>>(found);
        }

        using var connection = _database.Open();
        // One read snapshot for the version and the rows, so what is cached belongs to the version it is filed under.
        using var transaction = connection.BeginTransaction(deferred: true);
        var version = ReadVersion(connection, transaction);
        var misses = new List<string>();
        _cache.Lookup(version, distinct, found, misses);
        if (misses.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<string, CatalogItem>>(found);
        }

        var loaded = new List<CatalogItem>(misses.Count);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT item_id, body FROM items WHERE item_id IN (SELECT value FROM json_each($ids))";
        var ids = command.Parameters.Add("$ids", SqliteType.Text);
        command.Prepare();
        foreach (var chunk in misses.Chunk(LookupChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ids.Value = JsonSerializer.Serialize(chunk, LongviewJson.Options);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var item = ReadItem(reader.GetString(0), reader, 1);
                loaded.Add(item);
                found[item.ItemId] = item;
            }
        }
        _cache.Fill(version, loaded);
        return Task.FromResult<IReadOnlyDictionary<string, CatalogItem>>(found);
    }

    private static long ReadVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM catalog_version WHERE id = 1";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Keyset pages in item id order, each on its own short read, so memory stays at one page.</summary>
    public async IAsyncEnumerable<CatalogItem> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = ReadPage(after);
            foreach (var item in page)
            {
                yield return item;
            }
            if (page.Count < _options.ScanPageSize)
            {
                yield break;
            }
            after = page[^1].ItemId;
            await Task.Yield();
        }
    }

    public Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM items";
        return Task.FromResult((long)command.ExecuteScalar()!);
    }

    public void Dispose() => _database.Dispose();

    private List<CatalogItem> ReadPage(string? after)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = after is null
            ? "SELECT item_id, body FROM items ORDER BY item_id LIMIT $limit"
            : "SELECT item_id, body FROM items WHERE item_id > $after ORDER BY item_id LIMIT $limit";
        command.Parameters.AddWithValue("$limit", _options.ScanPageSize);
        if (after is not null)
        {
            command.Parameters.AddWithValue("$after", after);
        }
        var page = new List<CatalogItem>(_options.ScanPageSize);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            page.Add(ReadItem(reader.GetString(0), reader, 1));
        }
        return page;
    }

    private byte[] Serialize(CatalogItem item, int index)
    {
        var field = $"items[{index}]";
        if (item is null)
        {
            throw new ArgumentException($"{field}: the item is null.", nameof(item));
        }
        StoreKeys.Require(item.ItemId, $"{field}.ItemId");
        if (item.Title is null || item.Categories is null)
        {
            throw new ArgumentException($"{field} ('{item.ItemId}'): {(item.Title is null ? "Title" : "Categories")} is null.", nameof(item));
        }
        var body = JsonSerializer.SerializeToUtf8Bytes(item, LongviewJson.Options);
        if (body.Length > _options.MaxDocumentBytes)
        {
            throw new ArgumentException(
                $"{field}: item '{item.ItemId}' serializes to {body.Length} bytes; the limit is {_options.MaxDocumentBytes}.", nameof(item));
        }
        return body;
    }

    private CatalogItem ReadItem(string itemId, SqliteDataReader reader, int bodyOrdinal)
    {
        var body = reader.GetFieldValue<byte[]>(bodyOrdinal);
        try
        {
            return JsonSerializer.Deserialize<CatalogItem>(body, LongviewJson.Options)
                ?? throw new InvalidDataException($"item '{itemId}' in {_database.FilePath} is JSON null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"item '{itemId}' in {_database.FilePath} is not a valid item document: {e.Message}", e);
        }
    }
}
