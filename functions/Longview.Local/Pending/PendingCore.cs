// TEMPORARY: stand-ins for the core and stores helpers' types until their branches are merged. Deleted at merge.
using System.Text;
using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Items;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Core.Ingestion
{
    public sealed record BatchFailure(int Status, string Title, string Detail);

    public sealed record IngestReport(int Accepted, int Duplicates, IReadOnlyList<EventError> Rejected);

    public sealed record IngestOutcome(IngestReport? Report, BatchFailure? Failure);

    public sealed class EventIngestion
    {
        public Task<IngestOutcome> IngestAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
        {
            if (body.Length > 4_000_000) return Task.FromResult(new IngestOutcome(null, new BatchFailure(413, "too large", "body")));
            try
            {
                var text = Encoding.UTF8.GetString(body.Span).Trim();
                var events = text.StartsWith('[')
                    ? JsonSerializer.Deserialize<List<UserEvent>>(text, LongviewJson.Options)!
                    : text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<UserEvent>(l, LongviewJson.Options)!).ToList();
                return Task.FromResult(new IngestOutcome(new IngestReport(events.Count, 0, []), null));
            }
            catch (JsonException e)
            {
                return Task.FromResult(new IngestOutcome(null, new BatchFailure(400, "unreadable", e.Message)));
            }
        }

        public Task<IngestReport> IngestAsync(IReadOnlyList<UserEvent> events, CancellationToken cancellationToken = default) =>
            Task.FromResult(new IngestReport(events.Count, 0, []));
    }

    public sealed class ItemIngestion(IItemCatalog catalog)
    {
        public Task<IngestOutcome> IngestAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
        {
            var items = JsonSerializer.Deserialize<List<CatalogItem>>(body.Span, LongviewJson.Options)!;
            return IngestAsync(items, cancellationToken).ContinueWith(t => new IngestOutcome(t.Result, null), cancellationToken);
        }

        public async Task<IngestReport> IngestAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default)
        {
            await catalog.UpsertManyAsync(items, cancellationToken);
            return new IngestReport(items.Count, 0, []);
        }
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
        public static IServiceCollection AddEmbeddedStores(this IServiceCollection services, Action<EmbeddedStoreOptions> configure)
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
