// TEMPORARY: stand-ins mirroring the core and stores branches' public shapes until they are merged into main. Deleted at merge.
using System.Text;
using System.Text.Json;
using Longview.Core.Batches;
using Longview.Core.Events;
using Longview.Core.Items;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Longview.Core.Batches
{
    public sealed record BatchFailure(int Status, string Title, string Detail);
}

namespace Longview.Core.Events
{
    public sealed class EventLimits { public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024; }
    public sealed class EventBatchReader(EventLimits limits, TimeProvider time) { public EventLimits Limits => limits; public TimeProvider Time => time; }
}

namespace Longview.Core.Items
{
    public sealed record ItemError(int Index, string? ItemId, string Field, string Reason);
    public sealed class ItemLimits { public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024; }
    public sealed class ItemBatchReader(ItemLimits limits) { public ItemLimits Limits => limits; }
}

namespace Longview.Core.Profiles
{
    public sealed class ProfileLimits;
    public sealed class ProfileAggregator(ProfileLimits limits) { public ProfileLimits Limits => limits; }
}

namespace Longview.Core.Ingestion
{
    public sealed class IngestionOptions;

    public sealed record IngestReport(int Accepted, int Duplicates, IReadOnlyList<EventError> Rejected);

    public sealed record IngestResult(IngestReport? Report, BatchFailure? Failure);

    public sealed record ItemReport(int Accepted, IReadOnlyList<ItemError> Rejected);

    public sealed record ItemIngestResult(ItemReport? Report, BatchFailure? Failure);

    public sealed class EventIngestion(EventBatchReader reader, ProfileAggregator aggregator, IProfileStore profiles, IItemCatalog catalog, IOptions<IngestionOptions> options)
    {
        public Task<IngestResult> IngestAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
        {
            _ = (reader, aggregator, profiles, catalog, options);
            try
            {
                var text = Encoding.UTF8.GetString(body.Span).Trim();
                var events = text.StartsWith('[')
                    ? JsonSerializer.Deserialize<List<UserEvent>>(text, LongviewJson.Options)!
                    : text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<UserEvent>(l, LongviewJson.Options)!).ToList();
                return Task.FromResult(new IngestResult(new IngestReport(events.Count, 0, []), null));
            }
            catch (JsonException e)
            {
                return Task.FromResult(new IngestResult(null, new BatchFailure(400, "Unreadable body", e.Message)));
            }
        }

        public Task<IngestReport> IngestAsync(IReadOnlyList<UserEvent> events, CancellationToken cancellationToken = default) =>
            Task.FromResult(new IngestReport(events.Count, 0, []));
    }

    public sealed class ItemIngestion(ItemBatchReader reader, IItemCatalog catalog)
    {
        public async Task<ItemIngestResult> IngestAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
        {
            _ = reader;
            try
            {
                var items = JsonSerializer.Deserialize<List<CatalogItem>>(body.Span, LongviewJson.Options)!;
                await UpsertAsync(items, cancellationToken);
                return new ItemIngestResult(new ItemReport(items.Count, []), null);
            }
            catch (JsonException e)
            {
                return new ItemIngestResult(null, new BatchFailure(400, "Unreadable body", e.Message));
            }
        }

        public Task UpsertAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default) =>
            catalog.UpsertManyAsync(items, cancellationToken);
    }
}

namespace Longview.Infrastructure.Embedded
{
    public sealed class EmbeddedStoreOptions
    {
        public string DataFolder { get; set; } = ".longview";
    }

    public static class EmbeddedStoreRegistration
    {
        public static IServiceCollection AddEmbeddedStores(this IServiceCollection services, Action<EmbeddedStoreOptions>? configure = null)
        {
            services.AddSingleton<IProfileStore, MemoryProfiles>();
            services.AddSingleton<IItemCatalog, MemoryCatalog>();
            return services;
        }

        private sealed class MemoryProfiles : IProfileStore
        {
            public Task<StoredProfile?> GetAsync(string userId, CancellationToken cancellationToken = default) => Task.FromResult<StoredProfile?>(null);
            public Task<IReadOnlyDictionary<string, StoredProfile>> GetManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public Task<IReadOnlyList<WriteResult>> WriteManyAsync(IReadOnlyList<ProfileWrite> writes, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public IAsyncEnumerable<UserProfile> ScanAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
        }

        private sealed class MemoryCatalog : IItemCatalog
        {
            private readonly Dictionary<string, CatalogItem> _items = [];
            public Task UpsertManyAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default) { lock (_items) foreach (var i in items) _items[i.ItemId] = i; return Task.CompletedTask; }
            public Task<IReadOnlyDictionary<string, CatalogItem>> GetManyAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public IAsyncEnumerable<CatalogItem> ScanAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
            public Task<long> CountAsync(CancellationToken cancellationToken = default) { lock (_items) return Task.FromResult((long)_items.Count); }
        }
    }
}
