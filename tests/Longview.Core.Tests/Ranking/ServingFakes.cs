using System.Runtime.CompilerServices;
using Longview.Core.Items;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Serving.Churn;
using Longview.Core.Serving.Models;
using Longview.Core.Serving.Popularity;

namespace Longview.Core.Tests.Ranking;

internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// A deterministic stand-in for the sequence model: item i scores by a hash of (last item, i), so different histories
/// rank differently and every score is reproducible.
/// </summary>
internal sealed class HashModel(string version, IReadOnlyList<string> items, int maxLength = 8, float? churn = null, bool broken = false) : IModelSource, IModelLease
{
    private readonly Dictionary<string, int> _index = items.Select((id, i) => (id, i + 1)).ToDictionary(p => p.id, p => p.Item2);

    public int Leases { get; private set; }

    public int[]? LastSequence { get; private set; }

    public IModelLease? Acquire()
    {
        Leases++;
        return this;
    }

    public ModelDescription? Current => new(version, null, null, items.Count, maxLength, null);

    public string Version => version;

    public int MaxLength => maxLength;

    public int ItemCount => items.Count;

    public int IndexOf(string itemId) => _index.GetValueOrDefault(itemId);

    public string ItemAt(int index) => items[index - 1];

    public void Score(ReadOnlySpan<int> sequence, Span<float> scores)
    {
        if (broken)
        {
            throw new InvalidOperationException("the runtime failed");
        }
        LastSequence = sequence.ToArray();
        var last = sequence.Length == 0 ? 0 : sequence[^1];
        scores[0] = -1e9f;
        for (var i = 1; i <= items.Count; i++)
        {
            scores[i] = (uint)HashCode.Combine(last, i, 17) % 1000 / 100f;
        }
    }

    public IReadOnlyList<ChurnFeature> ChurnFeatures => churn is null ? [] : Enum.GetValues<ChurnFeature>();

    public float PredictChurn(ReadOnlySpan<float> features) => broken ? throw new InvalidOperationException("the runtime failed") : churn ?? throw new InvalidOperationException();

    public void Dispose()
    {
    }
}

internal sealed class NoModel : IModelSource
{
    public IModelLease? Acquire() => null;

    public ModelDescription? Current => null;
}

internal sealed class MemoryCatalog(IEnumerable<CatalogItem> items) : IItemCatalog
{
    private readonly Dictionary<string, CatalogItem> _items = items.ToDictionary(i => i.ItemId);

    public Task UpsertManyAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            _items[item.ItemId] = item;
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, CatalogItem>> GetManyAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, CatalogItem>>(itemIds.Where(_items.ContainsKey).ToDictionary(id => id, id => _items[id]));

    public async IAsyncEnumerable<CatalogItem> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var item in _items.Values.ToList())
        {
            yield return item;
        }
    }

    public Task<long> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult((long)_items.Count);
}

internal sealed class MemoryProfiles(IEnumerable<UserProfile> profiles) : IProfileStore
{
    private readonly Dictionary<string, UserProfile> _profiles = profiles.ToDictionary(p => p.UserId);

    public Task<StoredProfile?> GetAsync(string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_profiles.TryGetValue(userId, out var p) ? new StoredProfile(p, "1") : null);

    public Task<IReadOnlyDictionary<string, StoredProfile>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task RecordErasureAsync(Longview.Core.Erasure.ErasureRecord erasure, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetErasuresAsync(IReadOnlyCollection<string> userIdHashes, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(new Dictionary<string, DateTimeOffset>());

    public IAsyncEnumerable<UserProfile> ScanAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
