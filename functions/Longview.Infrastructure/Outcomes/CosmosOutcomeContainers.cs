using Longview.Infrastructure.Cosmos;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Outcomes;

/// <summary>Opens (and, where allowed, creates) the lists and exposures containers once.</summary>
public sealed class CosmosOutcomeContainers(CosmosClient client, IOptions<CosmosStoreOptions> options, IOptions<OutcomeStoreOptions> outcomeOptions) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Container? _lists;
    private Container? _exposures;

    public async ValueTask<Container> ListsAsync(CancellationToken cancellationToken) =>
        _lists ?? (await OpenAsync(cancellationToken).ConfigureAwait(false)).Lists;

    public async ValueTask<Container> ExposuresAsync(CancellationToken cancellationToken) =>
        _exposures ?? (await OpenAsync(cancellationToken).ConfigureAwait(false)).Exposures;

    private async Task<(Container Lists, Container Exposures)> OpenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_lists is null || _exposures is null)
            {
                var names = outcomeOptions.Value;
                if (options.Value.CreateIfMissing)
                {
                    Database database = await client.CreateDatabaseIfNotExistsAsync(options.Value.DatabaseName, cancellationToken: cancellationToken).ConfigureAwait(false);
                    _lists = await database.CreateContainerIfNotExistsAsync(new ContainerProperties(names.ListsContainer, "/pk"), cancellationToken: cancellationToken).ConfigureAwait(false);
                    _exposures = await database.CreateContainerIfNotExistsAsync(new ContainerProperties(names.ExposuresContainer, "/experimentId"), cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var database = client.GetDatabase(options.Value.DatabaseName);
                    _lists = database.GetContainer(names.ListsContainer);
                    _exposures = database.GetContainer(names.ExposuresContainer);
                }
            }
            return (_lists, _exposures);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
