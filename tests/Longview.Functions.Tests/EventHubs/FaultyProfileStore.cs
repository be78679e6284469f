using System.Net;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Microsoft.Azure.Cosmos;

namespace Longview.Functions.Tests.EventHubs;

/// <summary>
/// A real profile store behind the faults Cosmos DB shows the trigger: 429 throttling (transient, before or after the
/// write landed, per <see cref="Plan"/>) and 400 for a user id it cannot hold (permanent, for any write carrying
/// <see cref="RefusedUserId"/>).
/// </summary>
internal sealed class FaultyProfileStore(IProfileStore inner) : IProfileStore
{
    public FaultPlan Plan { get; set; } = new();

    public string? RefusedUserId { get; set; }

    public Task<StoredProfile?> GetAsync(string userId, CancellationToken cancellationToken = default) => inner.GetAsync(userId, cancellationToken);

    public async Task<IReadOnlyDictionary<string, StoredProfile>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        var fault = Plan.Next();
        if (fault == Fault.Before)
        {
            throw Throttled();
        }
        var result = await inner.GetManyAsync(userIds, cancellationToken);
        return fault == Fault.After ? throw Throttled() : result;
    }

    public async Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, CancellationToken cancellationToken = default)
    {
        if (RefusedUserId is { } refused && writes.Any(w => w.Profile.UserId == refused))
        {
            throw new CosmosException("The input content is invalid because the required properties - 'id; ' - are missing", HttpStatusCode.BadRequest, 0, "test", 1);
        }
        var fault = Plan.Next();
        if (fault == Fault.Before)
        {
            throw Throttled();
        }
        var result = await inner.WriteManyAsync(writes, cancellationToken);
        return fault == Fault.After ? throw Throttled() : result;
    }

    public Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken = default) => inner.DeleteAsync(userId, cancellationToken);

    public IAsyncEnumerable<UserProfile> ScanAsync(CancellationToken cancellationToken = default) => inner.ScanAsync(cancellationToken);

    public Task RecordErasureAsync(Longview.Core.Erasure.ErasureRecord erasure, CancellationToken cancellationToken = default) => inner.RecordErasureAsync(erasure, cancellationToken);

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetErasuresAsync(IReadOnlyCollection<string> userIdHashes, CancellationToken cancellationToken = default) =>
        inner.GetErasuresAsync(userIdHashes, cancellationToken);

    private static CosmosException Throttled() => new("Request rate is large", HttpStatusCode.TooManyRequests, 3200, "test", 1);
}
