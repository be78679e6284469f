using Longview.Core.Streaming;
using Longview.Functions.Hosting;
using Longview.Functions.Triggers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Longview.Functions.Tests.EventHubs;

/// <summary>The function as the worker builds it: from the app's own registrations (no store is contacted).</summary>
public sealed class IngestEventsCompositionTests
{
    [Fact]
    public void The_apps_registrations_build_IngestEvents_with_the_stream_settings_bound()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cosmos:Endpoint"] = "https://127.0.0.1:8081/",
            ["Cosmos:Key"] = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
            ["Cosmos:DatabaseName"] = "longview",
            ["Blob:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Longview:Stream:ShutdownGrace"] = "00:00:25",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddLongviewFunctions(configuration);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });

        var function = ActivatorUtilities.CreateInstance<IngestEvents>(provider);

        Assert.NotNull(function);
        Assert.Equal(TimeSpan.FromSeconds(25), provider.GetRequiredService<IOptions<StreamIngestionOptions>>().Value.ShutdownGrace);
    }
}
