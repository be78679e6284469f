using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Longview.Core.Erasure;
using Longview.Core.Ports;
using Longview.Core.Privacy;
using Longview.Core.Profiles;
using Longview.Core.Serialization;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Embedded.Sqlite;

/// <summary>
/// The self-hosted feature store: one row per user holding the profile (<see cref="CompactProfileEncoding"/>: binary
/// sequences and a small JSON rest; rows written before it hold the JSON document and read as before) and an integer version
/// whose decimal string is the ETag. Versions come from one store-wide sequence, so a deleted and recreated
/// profile never reuses an ETag a stale writer might still hold (as with Cosmos, where ETags are never reused).
/// Erasure records (user id hash, erased-at as UTC ticks; never the id) live in the <c>erasures</c> table of the same file.
/// </summary>
public sealed class SqliteProfileStore : IProfileStore, IDisposable
{
    // Rows are 10-30 KB. SQLite advises rowid tables for rows that large (WITHOUT ROWID keeps the whole row in
    // the key b-tree), and 16 KiB pages hold such a row in one or two pages instead of a long overflow chain.
    private const int PageSize = 16_384;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS profiles (
            user_id TEXT NOT NULL PRIMARY KEY,
            version INTEGER NOT NULL,
            body BLOB NOT NULL
        );
        CREATE TABLE IF NOT EXISTS version_sequence (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            last_version INTEGER NOT NULL
        );
        INSERT OR IGNORE INTO version_sequence (id, last_version) VALUES (1, 0);
        CREATE TABLE IF NOT EXISTS erasures (
            user_hash TEXT NOT NULL PRIMARY KEY,
            erased_at INTEGER NOT NULL
        );
        """;

    // The ids travel as one JSON array parameter (json_each); chunks bound its size and each result set.
    private const int LookupChunk = 1_000;

    private readonly SqliteDatabase _database;
    private readonly EmbeddedStoreOptions _options;
    private readonly ILogger<SqliteProfileStore> _logger;
    private readonly UserIdHash _userIdHash;

    /// <param name="userIdHash">Names users in exception messages (they are logged); the unsalted hash when none is registered.</param>
    public SqliteProfileStore(IOptions<EmbeddedStoreOptions> options, ILogger<SqliteProfileStore> logger, UserIdHash? userIdHash = null)
    {
        _userIdHash = userIdHash ?? new UserIdHash(salt: null);
        _options = options.Value;
        _logger = logger;
        _database = SqliteDatabase.In(_options, _options.ProfileDatabaseFile, Schema, PageSize);
        _logger.LogInformation("Profile store opened at {DatabasePath}", _database.FilePath);
    }

    public Task<StoredProfile?> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        StoreKeys.Require(userId, nameof(userId));
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        // Every request reads one profile. The body goes from SQLite's page straight into the decoder
        // (sqlite3_column_blob): SqliteDataReader.GetBytes first copies the whole blob into a new array (through a
        // MemoryStream over it when the query has no INTEGER PRIMARY KEY column), 45 KiB per read of a full profile.
        var database = connection.Handle!;
        using (var statement = Statement(database, "SELECT version, body FROM profiles WHERE user_id = ?1"))
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text(statement, 1, userId), database);
            var rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_DONE)
            {
                return Task.FromResult<StoredProfile?>(null);
            }
            if (rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, database);
            }
            var version = raw.sqlite3_column_int64(statement, 0);
            return Task.FromResult<StoredProfile?>(new StoredProfile(Decode(userId, raw.sqlite3_column_blob(statement, 1)), FormatETag(version)));
        }
    }

    public Task<IReadOnlyDictionary<string, StoredProfile>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        if (userIds.Count > _options.MaxLookupIds)
        {
            throw new ArgumentException($"{userIds.Count} ids in one lookup; the limit is {_options.MaxLookupIds}.", nameof(userIds));
        }
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var id in userIds)
        {
            StoreKeys.Require(id, $"{nameof(userIds)}[{index++}]");
            distinct.Add(id);
        }
        var found = new Dictionary<string, StoredProfile>(distinct.Count, StringComparer.Ordinal);
        if (distinct.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<string, StoredProfile>>(found);
        }

        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT user_id, version, body FROM profiles
            WHERE user_id IN (SELECT value FROM json_each($ids))
            """;
        var ids = command.Parameters.Add("$ids", SqliteType.Text);
        command.Prepare();
        foreach (var chunk in distinct.Chunk(LookupChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ids.Value = JsonSerializer.Serialize(chunk, LongviewJson.Options);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var userId = reader.GetString(0);
                found[userId] = ReadStored(userId, reader.GetInt64(1), reader, 2);
            }
        }
        return Task.FromResult<IReadOnlyDictionary<string, StoredProfile>>(found);
    }

    public Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, CancellationToken cancellationToken = default) =>
        WriteManyAsync(writes, WriteDurability.Durable, cancellationToken);

    /// <summary>A best-effort batch commits without waiting for the disk (<see cref="SqliteDatabase.CommitBestEffort"/>).</summary>
    public async Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, WriteDurability durability, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count > _options.MaxWriteBatch)
        {
            throw new ArgumentException($"{writes.Count} writes in one call; the limit is {_options.MaxWriteBatch}.", nameof(writes));
        }
        if (writes.Count == 0)
        {
            return [];
        }

        // Serialize before taking the write turn so concurrent callers do their CPU work in parallel.
        var pending = new PendingWrite[writes.Count];
        var prepared = 0;
        var results = new WriteResult[pending.Length];
        var conflicts = 0;
        try
        {
            for (; prepared < writes.Count; prepared++)
            {
                pending[prepared] = Prepare(writes[prepared], prepared);
            }

            using (await _database.EnterWriteAsync(cancellationToken).ConfigureAwait(false))
            {
                using var connection = _database.Open();
                // Declared before the transaction, so disposed after it ends: the level changes outside transactions only.
                using var level = durability == WriteDurability.BestEffort ? _database.CommitBestEffort(connection) : default;
                using var transaction = connection.BeginTransaction(deferred: false);
                var lastVersion = ReadLastVersion(connection, transaction);
                // The statements are SQLite's own (inside the transaction begun above), so a body is bound from its
                // pooled buffer as it is: a command parameter takes whole arrays only.
                var database = connection.Handle!;
                using var insert = Statement(database, """
                    INSERT INTO profiles (user_id, version, body) VALUES (?1, ?2, ?3)
                    ON CONFLICT (user_id) DO NOTHING
                    """);
                using var update = Statement(database, """
                    UPDATE profiles SET version = ?2, body = ?3
                    WHERE user_id = ?1 AND version = ?4
                    """);

                for (var i = 0; i < pending.Length; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var write = pending[i];
                    var version = lastVersion + 1;
                    var changed = write.IsCreate
                        ? Execute(database, insert, write, version, expected: null)
                        // An ETag this store never issued cannot match any stored version.
                        : write.ExpectedVersion is { } expected ? Execute(database, update, write, version, expected) : 0;

                    if (changed == 1)
                    {
                        lastVersion = version;
                        results[i] = new WriteResult(write.UserId, WriteStatus.Written, FormatETag(version));
                    }
                    else
                    {
                        conflicts++;
                        results[i] = new WriteResult(write.UserId, WriteStatus.Conflict, null);
                    }
                }

                WriteLastVersion(connection, transaction, lastVersion);
                transaction.Commit();
            }
        }
        finally
        {
            for (var i = 0; i < prepared; i++)
            {
                ArrayPool<byte>.Shared.Return(pending[i].Body);
            }
        }

        if (conflicts > 0)
        {
            _logger.LogDebug("Profile batch of {WriteCount} writes had {ConflictCount} conflicts", pending.Length, conflicts);
        }
        return results;
    }

    public async Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken = default)
    {
        StoreKeys.Require(userId, nameof(userId));
        using (await _database.EnterWriteAsync(cancellationToken).ConfigureAwait(false))
        {
            using var connection = _database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM profiles WHERE user_id = $id";
            command.Parameters.AddWithValue("$id", userId);
            return command.ExecuteNonQuery() > 0;
        }
    }

    public async Task RecordErasureAsync(ErasureRecord erasure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        ArgumentException.ThrowIfNullOrEmpty(erasure.UserIdHash, nameof(erasure));
        using (await _database.EnterWriteAsync(cancellationToken).ConfigureAwait(false))
        {
            using var connection = _database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO erasures (user_hash, erased_at) VALUES ($hash, $at)
                ON CONFLICT (user_hash) DO UPDATE SET erased_at = max(erased_at, excluded.erased_at)
                """;
            command.Parameters.AddWithValue("$hash", erasure.UserIdHash);
            command.Parameters.AddWithValue("$at", erasure.ErasedAt.UtcTicks);
            command.ExecuteNonQuery();
        }
    }

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetErasuresAsync(IReadOnlyCollection<string> userIdHashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIdHashes);
        var found = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var distinct = userIdHashes.Where(h => !string.IsNullOrEmpty(h)).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(found);
        }

        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT user_hash, erased_at FROM erasures WHERE user_hash IN (SELECT value FROM json_each($hashes))";
        var hashes = command.Parameters.Add("$hashes", SqliteType.Text);
        command.Prepare();
        foreach (var chunk in distinct.Chunk(LookupChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            hashes.Value = JsonSerializer.Serialize(chunk, LongviewJson.Options);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found[reader.GetString(0)] = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero);
            }
        }
        return Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(found);
    }

    /// <summary>
    /// Keyset pages in user id order, each read on its own short-lived connection so a slow consumer never holds
    /// a read transaction open (which would stop WAL checkpoints) and memory stays at one page.
    /// </summary>
    public async IAsyncEnumerable<UserProfile> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = ReadPage(after, _options.ScanPageSize);
            foreach (var profile in page)
            {
                yield return profile;
            }
            if (page.Count < _options.ScanPageSize)
            {
                yield break;
            }
            after = page[^1].UserId;
            await Task.Yield();
        }
    }

    /// <summary>Keyset paging in user id order: the continuation is the last user id of the page.</summary>
    public Task<ProfilePage> ScanPageAsync(string? continuation, int maxProfiles, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxProfiles, 1);
        cancellationToken.ThrowIfCancellationRequested();
        // One row more than asked says whether another page follows, so a scan never ends on an empty page.
        var page = ReadPage(continuation, maxProfiles == int.MaxValue ? maxProfiles : maxProfiles + 1);
        if (page.Count <= maxProfiles)
        {
            return Task.FromResult(new ProfilePage(page, null));
        }
        page.RemoveAt(page.Count - 1);
        return Task.FromResult(new ProfilePage(page, page[^1].UserId));
    }

    public void Dispose() => _database.Dispose();

    private List<UserProfile> ReadPage(string? after, int limit)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = after is null
            ? "SELECT user_id, body FROM profiles ORDER BY user_id LIMIT $limit"
            : "SELECT user_id, body FROM profiles WHERE user_id > $after ORDER BY user_id LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        if (after is not null)
        {
            command.Parameters.AddWithValue("$after", after);
        }
        var page = new List<UserProfile>(Math.Min(limit, _options.ScanPageSize + 1));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            page.Add(ReadProfile(reader.GetString(0), reader, 1));
        }
        return page;
    }

    private PendingWrite Prepare(ProfileWrite write, int index)
    {
        var field = $"writes[{index}]";
        if (write?.Profile is null)
        {
            throw new ArgumentException($"{field}: the write or its profile is null.", nameof(ProfileWrite));
        }
        StoreKeys.Require(write.Profile.UserId, $"{field}.Profile.UserId");
        long? expected = write.ExpectedETag is null ? null : ParseETag(write.ExpectedETag);
        // Pooled (returned after the batch): every served list rewrites its profile, tens of KiB each at steady state.
        var limit = _options.MaxDocumentBytes;
        var (body, length) = CompactProfileEncoding.Encode(write.Profile, bytes =>
        {
            if (bytes.Length > limit)
            {
                return ((byte[]?)null, bytes.Length);
            }
            var pooled = ArrayPool<byte>.Shared.Rent(bytes.Length);
            bytes.CopyTo(pooled);
            return (pooled, bytes.Length);
        });
        if (body is null)
        {
            throw new ArgumentException(
                $"{field}: the profile of user {_userIdHash.Of(write.Profile.UserId)} serializes to {length} bytes; the limit is {_options.MaxDocumentBytes}.",
                nameof(ProfileWrite));
        }
        return new PendingWrite(write.Profile.UserId, body, length, write.ExpectedETag is null, expected);
    }

    private static sqlite3_stmt Statement(sqlite3 database, string sql)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(database, sql, out sqlite3_stmt statement), database);
        return statement;
    }

    /// <summary>Runs the insert (?1 id, ?2 version, ?3 body) or the conditional update (?4 expected version); rows changed.</summary>
    private static int Execute(sqlite3 database, sqlite3_stmt statement, PendingWrite write, long version, long? expected)
    {
        raw.sqlite3_reset(statement);
        SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text(statement, 1, write.UserId), database);
        SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(statement, 2, version), database);
        SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_blob(statement, 3, write.Body.AsSpan(0, write.Length)), database);
        if (expected is { } e)
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(statement, 4, e), database);
        }
        var rc = raw.sqlite3_step(statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, database);
        }
        return raw.sqlite3_changes(database);
    }

    private StoredProfile ReadStored(string userId, long version, SqliteDataReader reader, int bodyOrdinal) =>
        new(ReadProfile(userId, reader, bodyOrdinal), FormatETag(version));

    // Lookups of many ids and scans: the command API hands over the blob as a new array whatever the call (GetBytes
    // copies it from one too), so take that array; the per-request read by key avoids it (GetAsync).
    private UserProfile ReadProfile(string userId, SqliteDataReader reader, int bodyOrdinal) =>
        Decode(userId, reader.GetFieldValue<byte[]>(bodyOrdinal));

    private UserProfile Decode(string userId, ReadOnlySpan<byte> body)
    {
        try
        {
            return CompactProfileEncoding.Decode(body);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the profile of user {_userIdHash.Of(userId)} in {_database.FilePath} is not a valid profile document: {e.Message}", e);
        }
    }

    private static long ReadLastVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT last_version FROM version_sequence WHERE id = 1";
        return (long)command.ExecuteScalar()!;
    }

    private static void WriteLastVersion(SqliteConnection connection, SqliteTransaction transaction, long lastVersion)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE version_sequence SET last_version = $version WHERE id = 1";
        command.Parameters.AddWithValue("$version", lastVersion);
        command.ExecuteNonQuery();
    }

    private static string FormatETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static long? ParseETag(string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;

    /// <summary>A write whose body is <see cref="Length"/> bytes of a pooled array (returned when the batch is done).</summary>
    private readonly record struct PendingWrite(string UserId, byte[] Body, int Length, bool IsCreate, long? ExpectedVersion);
}
