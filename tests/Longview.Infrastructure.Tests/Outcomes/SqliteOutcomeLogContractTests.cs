using Longview.Core.Experiments;
using Longview.Core.Outcomes;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Outcomes;

namespace Longview.Infrastructure.Tests.Outcomes;

public sealed class SqliteOutcomeLogContractTests : OutcomeLogContract
{
    private readonly TestFolder _folder = new();
    private readonly List<IDisposable> _opened = [];

    protected override Task<(IServedListLog Lists, IExperimentExposureLog Exposures)> CreateAsync()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new EmbeddedStoreOptions { DataFolder = _folder.Path });
        var lists = new SqliteServedListLog(options);
        var exposures = new SqliteExposureLog(options);
        _opened.Add(lists);
        _opened.Add(exposures);
        return Task.FromResult<(IServedListLog, IExperimentExposureLog)>((lists, exposures));
    }

    public override Task DisposeAsync()
    {
        _opened.ForEach(o => o.Dispose());
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
