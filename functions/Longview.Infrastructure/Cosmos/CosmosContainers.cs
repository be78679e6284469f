using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Cosmos;

/// <summary>
/// The containers, created on first use when missing (profiles: pk /userId, items: pk /itemId, erasures: pk /id,
/// embeddings: pk /itemId).
/// A failed creation is retried by the next caller rather than cached.
/// </summary>
public sealed class CosmosContainers(CosmosClient client, IOptions<CosmosStoreOptions> options, ILogger<CosmosContainers> logger) : IDisposable
{
    private readonly CosmosStoreOptions _options = options.Value;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Container? _profiles;
    private Container? _items;
    private Container? _erasures;
    private Container? _embeddings;

    public async ValueTask<Container> ProfilesAsync(CancellationToken cancellationToken)
    {
        if (_profiles is null)
        {
            await EnsureAsync(cancellationToken).ConfigureAwait(false);
        }
        return _profiles!;
    }

    public async ValueTask<Container> ErasuresAsync(CancellationToken cancellationToken)
    {
        if (_erasures is null)
        {
            await EnsureAsync(cancellationToken).ConfigureAwait(false);
        }
        return _erasures!;
    }

    public async ValueTask<Container> EmbeddingsAsync(CancellationToken cancellationToken)
    {
        if (_embeddings is null)
        {
            await EnsureAsync(cancellationToken).ConfigureAwait(false);
        }
        return _embeddings!;
    }

    public async ValueTask<Container> ItemsAsync(CancellationToken cancellationToken)
    {
        if (_items is null)
        {
            await EnsureAsync(cancellationToken).ConfigureAwait(false);
        }
        return _items!;
    }

    private async Task EnsureAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_profiles is not null && _items is not null && _erasures is not null && _embeddings is not null)
            {
                return;
            }
            if (!_options.CreateIfMissing)
            {
                var existing = client.GetDatabase(_options.DatabaseName);
                _items = existing.GetContainer(_options.ItemsContainer);
                _profiles = existing.GetContainer(_options.ProfilesContainer);
                _erasures = existing.GetContainer(_options.ErasuresContainer);
                _embeddings = existing.GetContainer(_options.EmbeddingsContainer);
                return;
            }
            Database database = await client.CreateDatabaseIfNotExistsAsync(_options.DatabaseName, cancellationToken: cancellationToken).ConfigureAwait(false);
            Container items = await database.CreateContainerIfNotExistsAsync(
                new ContainerProperties(_options.ItemsContainer, "/itemId"), cancellationToken: cancellationToken).ConfigureAwait(false);
            Container profiles = await database.CreateContainerIfNotExistsAsync(
                new ContainerProperties(_options.ProfilesContainer, "/userId"), cancellationToken: cancellationToken).ConfigureAwait(false);
            Container erasures = await database.CreateContainerIfNotExistsAsync(
                new ContainerProperties(_options.ErasuresContainer, "/id"), cancellationToken: cancellationToken).ConfigureAwait(false);
            Container embeddings = await database.CreateContainerIfNotExistsAsync(
                new ContainerProperties(_options.EmbeddingsContainer, "/itemId"), cancellationToken: cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Cosmos containers ready: {Database}/{Profiles} (pk /userId), {Database}/{Items} (pk /itemId), {Database}/{Erasures} (pk /id), {Database}/{Embeddings} (pk /itemId)",
                _options.DatabaseName, _options.ProfilesContainer, _options.DatabaseName, _options.ItemsContainer, _options.DatabaseName, _options.ErasuresContainer,
                _options.DatabaseName, _options.EmbeddingsContainer);
            _erasures = erasures;
            _embeddings = embeddings;
            _items = items;
            _profiles = profiles;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
