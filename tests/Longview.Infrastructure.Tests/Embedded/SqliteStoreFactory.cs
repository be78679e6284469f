using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Embedded;

/// <summary>Opens embedded stores on one test folder and closes every one it opened.</summary>
internal sealed class SqliteStoreFactory(int scanPageSize) : IDisposable
{
    private readonly TestFolder _folder = new();
    private readonly List<IDisposable> _opened = [];

    public string DataFolder => _folder.Path;

    public EmbeddedStoreOptions Options(Action<EmbeddedStoreOptions>? configure = null)
    {
        var options = new EmbeddedStoreOptions { DataFolder = _folder.Path, ScanPageSize = scanPageSize };
        configure?.Invoke(options);
        return options;
    }

    public SqliteProfileStore OpenProfiles(Action<EmbeddedStoreOptions>? configure = null) =>
        Track(new SqliteProfileStore(Microsoft.Extensions.Options.Options.Create(Options(configure)), NullLogger<SqliteProfileStore>.Instance));

    public SqliteItemCatalog OpenCatalog(Action<EmbeddedStoreOptions>? configure = null) =>
        Track(new SqliteItemCatalog(Microsoft.Extensions.Options.Options.Create(Options(configure)), NullLogger<SqliteItemCatalog>.Instance));

    public void Close(object store)
    {
        var disposable = (IDisposable)store;
        disposable.Dispose();
        _opened.Remove(disposable);
    }

    public void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }
        _opened.Clear();
        _folder.Dispose();
    }

    public T Track<T>(T store) where T : IDisposable
    {
        _opened.Add(store);
        return store;
    }
}
