using System.Text;
using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Ports;
using Longview.Core.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Core.Tests.Ingestion;

public sealed class IngestionRegistrationTests
{
    [Fact]
    public async Task The_registered_services_use_the_configured_limits_and_the_host_stores()
    {
        var store = new InMemoryProfileStore();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IProfileStore>(store)
            .AddSingleton<IItemCatalog>(new InMemoryItemCatalog())
            .Configure<EventLimits>(limits => limits.MaxEventsPerBatch = 1)
            .AddLongviewIngestion();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var ingestion = provider.GetRequiredService<EventIngestion>();
        const string one = "{\"eventId\":\"e1\",\"userId\":\"u1\",\"itemId\":\"i1\",\"type\":\"view\",\"timestamp\":\"2024-01-01T00:00:00Z\"}";

        var accepted = await ingestion.IngestAsync(Encoding.UTF8.GetBytes(one));
        var refused = await ingestion.IngestAsync(Encoding.UTF8.GetBytes(one + "\n" + one));

        Assert.Equal(1, accepted.Report!.Accepted);
        Assert.NotNull(await store.GetAsync("u1"));
        Assert.Equal(413, refused.Failure!.Status);
        Assert.Same(ingestion, provider.GetRequiredService<EventIngestion>());
        Assert.NotNull(provider.GetRequiredService<ItemIngestion>());
    }
}
