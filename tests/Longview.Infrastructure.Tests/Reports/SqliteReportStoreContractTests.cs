using Longview.Core.Retention.Jobs;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Reports;

namespace Longview.Infrastructure.Tests.Reports;

public sealed class SqliteReportStoreContractTests : ReportStoreContract
{
    private readonly TestFolder _folder = new();
    private readonly List<SqliteRetentionReportStore> _opened = [];

    protected override Task<IRetentionReportStore> CreateStoreAsync() => Task.FromResult<IRetentionReportStore>(Open());

    protected override Task<IRetentionReportStore> ReopenAsync(IRetentionReportStore store)
    {
        ((SqliteRetentionReportStore)store).Dispose();
        return Task.FromResult<IRetentionReportStore>(Open());
    }

    public override Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private SqliteRetentionReportStore Open()
    {
        var store = new SqliteRetentionReportStore(Microsoft.Extensions.Options.Options.Create(new EmbeddedStoreOptions { DataFolder = _folder.Path }));
        _opened.Add(store);
        return store;
    }
}
