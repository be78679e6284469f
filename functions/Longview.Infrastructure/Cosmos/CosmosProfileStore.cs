using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Longview.Core.Erasure;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Serialization;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Cosmos;

/// <summary>
/// Profiles in the "profiles" container (pk /userId, id = userId). Point reads and writes through the stream API
/// (no exceptions on the expected 404/409/412), optimistic concurrency on _etag, batches as parallel point writes.
/// Erasure records are documents <c>{"id": userIdHash, "erasedAt": ...}</c> in the erasures container (pk /id).
/// </summary>
public sealed class CosmosProfileStore(
    CosmosContainers containers,
    CosmosRequestCharges charges,
    IOptions<CosmosStoreOptions> options,
    ILogger<CosmosProfileStore> logger) : IProfileStore
{
    private readonly CosmosStoreOptions _options = options.Value;

    public async Task<StoredProfile?> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (!StoreKeys.IsValid(userId))
        {
            return null; // too long to have been stored
        }
        var container = await containers.ProfilesAsync(cancellationToken).ConfigureAwait(false);
        var log = new CosmosCallLog(logger, charges, "read", _options.ProfilesContainer);
        var stored = await ReadAsync(container, userId, log, cancellationToken).ConfigureAwait(false);
        log.Complete(stored is null ? 0 : 1);
        return stored;
    }

    public async Task<IReadOnlyDictionary<string, StoredProfile>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var container = await containers.ProfilesAsync(cancellationToken).ConfigureAwait(false);
        var log = new CosmosCallLog(logger, charges, "read-many", _options.ProfilesContainer);
        var ids = userIds.Where(StoreKeys.IsValid).Distinct(StringComparer.Ordinal).ToArray();
        var found = new StoredProfile?[ids.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Length), Parallelism(cancellationToken), async (i, ct) =>
            found[i] = await ReadAsync(container, ids[i], log, ct).ConfigureAwait(false)).ConfigureAwait(false);
        var result = new Dictionary<string, StoredProfile>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            if (found[i] is { } stored)
            {
                result[ids[i]] = stored;
            }
        }
        log.Complete(result.Count);
        return result;
    }

    public async Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        foreach (var write in writes)
        {
            StoreKeys.Require(write.Profile.UserId, "userId");
        }
        var container = await containers.ProfilesAsync(cancellationToken).ConfigureAwait(false);
        var log = new CosmosCallLog(logger, charges, "write-many", _options.ProfilesContainer);
        var results = new WriteResult[writes.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, writes.Count), Parallelism(cancellationToken), async (i, ct) =>
            results[i] = await WriteAsync(container, writes[i], log, ct).ConfigureAwait(false)).ConfigureAwait(false);
        log.Complete(writes.Count, LogLevel.Information);
        return results;
    }

    public async Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (!StoreKeys.IsValid(userId))
        {
            return false;
        }
        var container = await containers.ProfilesAsync(cancellationToken).ConfigureAwait(false);
        var log = new CosmosCallLog(logger, charges, "delete", _options.ProfilesContainer);
        using var response = await container.DeleteItemStreamAsync(CosmosIds.ToDocumentId(userId), new PartitionKey(userId), cancellationToken: cancellationToken).ConfigureAwait(false);
        log.Charge(response.Headers.RequestCharge);
        log.Complete(response.StatusCode == HttpStatusCode.NotFound ? 0 : 1);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        response.EnsureSuccessStatusCode();
        return true;
    }

    public async Task RecordErasureAsync(ErasureRecord erasure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        StoreKeys.Require(erasure.UserIdHash, "userIdHash");
        var container = await containers.ErasuresAsync(cancellationToken).ConfigureAwait(false);
        var log = new CosmosCallLog(logger, charges, "record-erasure", _options.ErasuresContainer);
        var partitionKey = new PartitionKey(erasure.UserIdHash);
        // Keep the latest time: read, then create or replace on that version; a concurrent erasure of the same user retries.
        for (var attempt = 0; ; attempt++)
        {
            var (existing, etag) = await ReadErasureAsync(container, erasure.UserIdHash, log, cancellationToken).ConfigureAwait(false);
            if (existing is { } at && at >= erasure.ErasedAt)
            {
                log.Complete(0);
                return;
            }
            using var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new ErasureDocument(erasure.UserIdHash, erasure.ErasedAt.ToUniversalTime()), ErasureDocument.Json));
            using var response = etag is null
                ? await container.CreateItemStreamAsync(body, partitionKey, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await container.ReplaceItemStreamAsync(body, erasure.UserIdHash, partitionKey, new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken).ConfigureAwait(false);
            log.Charge(response.Headers.RequestCharge);
            if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound && attempt < 8)
            {
                continue;
            }
            response.EnsureSuccessStatusCode();
            log.Complete(1);
            return;
        }
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetErasuresAsync(IReadOnlyCollection<string> userIdHashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIdHashes);
        var hashes = userIdHashes.Where(StoreKeys.IsValid).Distinct(StringComparer.Ordinal).ToArray();
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (hashes.Length == 0)
        {
            return result;
        }
        var container = await containers.ErasuresAsync(cancellationToken).ConfigureAwait(false);
        var log = new CosmosCallLog(logger, charges, "read-erasures", _options.ErasuresContainer);
        var found = new DateTimeOffset?[hashes.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, hashes.Length), Parallelism(cancellationToken), async (i, ct) =>
            found[i] = (await ReadErasureAsync(container, hashes[i], log, ct).ConfigureAwait(false)).ErasedAt).ConfigureAwait(false);
        for (var i = 0; i < hashes.Length; i++)
        {
            if (found[i] is { } erasedAt)
            {
                result[hashes[i]] = erasedAt;
            }
        }
        log.Complete(result.Count);
        return result;
    }

    public async IAsyncEnumerable<UserProfile> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var container = await containers.ProfilesAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var profile in CosmosScan.ReadAllAsync<UserProfile>(container, _options.ScanPageSize, logger, charges, cancellationToken).ConfigureAwait(false))
        {
            yield return profile;
        }
    }

    /// <summary>One page of the cross-partition query; the continuation is the query's own token.</summary>
    public async Task<ProfilePage> ScanPageAsync(string? continuation, int maxProfiles, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxProfiles, 1);
        var container = await containers.ProfilesAsync(cancellationToken).ConfigureAwait(false);
        var (profiles, next) = await CosmosScan.ReadPageAsync<UserProfile>(container, continuation, maxProfiles, logger, charges, cancellationToken).ConfigureAwait(false);
        return new ProfilePage(profiles, next);
    }

    private ParallelOptions Parallelism(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = _options.MaxParallelOperations, CancellationToken = cancellationToken };

    private static async Task<StoredProfile?> ReadAsync(Container container, string userId, CosmosCallLog log, CancellationToken cancellationToken)
    {
        using var response = await container.ReadItemStreamAsync(CosmosIds.ToDocumentId(userId), new PartitionKey(userId), cancellationToken: cancellationToken).ConfigureAwait(false);
        log.Charge(response.Headers.RequestCharge);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        var profile = await CosmosDocuments.ReadAsync<UserProfile>(response.Content, cancellationToken).ConfigureAwait(false);
        return new StoredProfile(profile, response.Headers.ETag);
    }

    private static async Task<(DateTimeOffset? ErasedAt, string? ETag)> ReadErasureAsync(Container container, string hash, CosmosCallLog log, CancellationToken cancellationToken)
    {
        using var response = await container.ReadItemStreamAsync(hash, new PartitionKey(hash), cancellationToken: cancellationToken).ConfigureAwait(false);
        log.Charge(response.Headers.RequestCharge);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return (null, null);
        }
        response.EnsureSuccessStatusCode();
        var json = await CosmosDocuments.BufferAsync(response.Content, cancellationToken).ConfigureAwait(false);
        var document = JsonSerializer.Deserialize<ErasureDocument>(json.Span, ErasureDocument.Json)
            ?? throw new JsonException("Cosmos returned a null erasure document.");
        return (document.ErasedAt, response.Headers.ETag);
    }

    /// <summary>The stored erasure record: <see cref="Id"/> is the user id hash (the partition key).</summary>
    private sealed record ErasureDocument(string Id, DateTimeOffset ErasedAt)
    {
        public static JsonSerializerOptions Json => LongviewJson.Options;
    }

    private static async Task<WriteResult> WriteAsync(Container container, ProfileWrite write, CosmosCallLog log, CancellationToken cancellationToken)
    {
        var userId = write.Profile.UserId;
        using var body = CosmosDocuments.ToStream(write.Profile);
        var partitionKey = new PartitionKey(userId);
        using var response = write.ExpectedETag is null
            ? await container.CreateItemStreamAsync(body, partitionKey, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await container.ReplaceItemStreamAsync(body, CosmosIds.ToDocumentId(userId), partitionKey,
                new ItemRequestOptions { IfMatchEtag = write.ExpectedETag }, cancellationToken).ConfigureAwait(false);
        log.Charge(response.Headers.RequestCharge);
        // 409: created concurrently; 412: replaced concurrently; 404: deleted since it was read. All mean "re-read and retry".
        if (response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return new WriteResult(userId, WriteStatus.Conflict, null);
        }
        response.EnsureSuccessStatusCode();
        return new WriteResult(userId, WriteStatus.Written, response.Headers.ETag);
    }
}
