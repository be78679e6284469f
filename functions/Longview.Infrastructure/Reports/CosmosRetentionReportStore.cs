using System.Net;
using Longview.Core.Retention.Jobs;
using Longview.Infrastructure.Cosmos;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Reports;

/// <summary>
/// The Azure reports store: container <c>reports</c> (pk /kind, created by the Bicep), one document per (kind, as-of)
/// with id = as-of day; a put is an upsert. Queries stay inside one partition (the emulator here has no cross-partition plans).
/// </summary>
public sealed class CosmosRetentionReportStore(CosmosClient client, IOptions<CosmosStoreOptions> options, IOptions<ReportStoreOptions> reportOptions) : IRetentionReportStore
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Container? _container;

    public async Task PutAsync(StoredReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ReportKeys.EnsureSize(report);
        var container = await ContainerAsync(cancellationToken).ConfigureAwait(false);
        var document = new ReportDocument(ReportKeys.Day(report.AsOf), report.Kind.WireName(), ReportKeys.Day(report.AsOf), report.ComputedAt, report.RowsJson);
        await container.UpsertItemAsync(document, new PartitionKey(document.Kind), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredReport?> GetAsync(ReportKind kind, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var container = await ContainerAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await container.ReadItemAsync<ReportDocument>(ReportKeys.Day(asOf), new PartitionKey(kind.WireName()), cancellationToken: cancellationToken).ConfigureAwait(false);
            return ToReport(kind, response.Resource);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<StoredReport?> GetLatestAsync(ReportKind kind, CancellationToken cancellationToken = default)
    {
        // The as-of days of one kind are few (one short string per stored day), so the maximum is taken here rather than
        // with TOP/ORDER BY, which the local emulator's pass-through query plans do not apply.
        var days = await QueryDaysAsync(kind, "SELECT c.asOf FROM c WHERE c.kind = @kind AND c.asOf >= @from AND c.asOf <= @to", DateOnly.MinValue, DateOnly.MaxValue, cancellationToken).ConfigureAwait(false);
        return days.Count == 0 ? null : await GetAsync(kind, days.Max(), cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<DateOnly>> ListAsOfAsync(ReportKind kind, DateOnly from, DateOnly to, int limit = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ListAsync();

        async Task<IReadOnlyList<DateOnly>> ListAsync() =>
            [.. (await QueryDaysAsync(kind, "SELECT c.asOf FROM c WHERE c.kind = @kind AND c.asOf >= @from AND c.asOf <= @to", from, to, cancellationToken).ConfigureAwait(false)).Order().Take(limit)];
    }

    private async Task<IReadOnlyList<DateOnly>> QueryDaysAsync(ReportKind kind, string sql, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var container = await ContainerAsync(cancellationToken).ConfigureAwait(false);
        // c.kind repeats the partition key: the local emulator does not scope queries to the request's partition.
        var query = new QueryDefinition(sql).WithParameter("@kind", kind.WireName()).WithParameter("@from", ReportKeys.Day(from)).WithParameter("@to", ReportKeys.Day(to));
        var days = new List<DateOnly>();
        using var feed = container.GetItemQueryIterator<AsOfOnly>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(kind.WireName()) });
        while (feed.HasMoreResults)
        {
            foreach (var row in await feed.ReadNextAsync(cancellationToken).ConfigureAwait(false))
            {
                days.Add(ReportKeys.ParseDay(row.AsOf));
            }
        }
        return days;
    }

    private async ValueTask<Container> ContainerAsync(CancellationToken cancellationToken)
    {
        if (_container is { } ready)
        {
            return ready;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_container is null)
            {
                if (options.Value.CreateIfMissing)
                {
                    Database database = await client.CreateDatabaseIfNotExistsAsync(options.Value.DatabaseName, cancellationToken: cancellationToken).ConfigureAwait(false);
                    _container = await database.CreateContainerIfNotExistsAsync(new ContainerProperties(reportOptions.Value.Container, "/kind"), cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    _container = client.GetDatabase(options.Value.DatabaseName).GetContainer(reportOptions.Value.Container);
                }
            }
            return _container;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static StoredReport ToReport(ReportKind kind, ReportDocument document) =>
        new(kind, ReportKeys.ParseDay(document.AsOf), document.ComputedAt, document.Rows);

    private sealed record ReportDocument(string Id, string Kind, string AsOf, DateTimeOffset ComputedAt, string Rows);

    private sealed record AsOfOnly(string AsOf);
}
