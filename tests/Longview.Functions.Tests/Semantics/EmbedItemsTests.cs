using Longview.Core.Items;
using Longview.Core.Ports;
using Longview.Core.Semantics;
using Longview.Functions.Hosting;
using Longview.Functions.Tests.Http;
using Longview.Functions.Triggers;
using Longview.Infrastructure.Cosmos;
using Longview.Infrastructure.Semantics;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Functions.Tests.Semantics;

/// <summary>
/// The EmbedItems timer as the app composes it (<see cref="LongviewFunctionsServices.AddLongviewFunctions"/>, the real
/// arctic-embed-xs encoder, the embedded stores in place of Cosmos as in the HTTP suite): items posted through the
/// app's own POST /api/items get embeddings from the next tick, an edited item is encoded again, nothing else is.
/// </summary>
public sealed class EmbedItemsTests
{
    private static Task Tick(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<EmbedItems>(services).Run(new TimerInfo(), CancellationToken.None);

    [Fact]
    public async Task A_tick_encodes_the_posted_items_and_the_next_only_what_changed()
    {
        await using var api = FunctionsApi.Start(1 << 20);
        var posted = await api.PostAsync("/api/items", """
            [{"itemId":"heat","title":"Heat (1995)","categories":["Action","Crime"]},
             {"itemId":"toy","title":"Toy Story (1995)","categories":["Animation"],"description":"Toys come to life."}]
            """);
        posted.EnsureSuccessStatusCode();
        var store = api.Services.GetRequiredService<IItemEmbeddingStore>();
        var catalog = api.Services.GetRequiredService<IItemCatalog>();

        await Tick(api.Services);

        var first = await store.GetManyAsync(ArcticXsTextEncoder.EncoderId, ["heat", "toy"]);
        var items = await catalog.GetManyAsync(["heat", "toy"]);
        Assert.Equal(["heat", "toy"], first.Keys.Order(StringComparer.Ordinal));
        Assert.All(first.Values, e => Assert.True(e.IsCurrentFor(items[e.ItemId], ArcticXsTextEncoder.EncoderId)));
        Assert.All(first.Values, e => Assert.Equal(384, e.Vector.Length));

        (await api.PostAsync("/api/items", """[{"itemId":"toy","title":"Toy Story (1995)","categories":["Animation","Comedy"]}]""")).EnsureSuccessStatusCode();
        await Tick(api.Services);

        var second = await store.GetManyAsync(ArcticXsTextEncoder.EncoderId, ["heat", "toy"]);
        var toy = (await catalog.GetManyAsync(["toy"]))["toy"];
        Assert.True(second["toy"].IsCurrentFor(toy, ArcticXsTextEncoder.EncoderId));
        Assert.NotEqual(first["toy"].TextHash, second["toy"].TextHash);
        Assert.Equal(first["heat"].ComputedAt, second["heat"].ComputedAt);
        Assert.Equal(first["heat"].Vector, second["heat"].Vector);
    }

    [Fact]
    public void The_app_keeps_embeddings_in_cosmos_and_runs_the_sweep_with_an_encoder()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cosmos:Endpoint"] = "http://127.0.0.1:9/",
            ["Cosmos:Key"] = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLongviewFunctions(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.IsType<CosmosItemEmbeddingStore>(provider.GetRequiredService<IItemEmbeddingStore>());
        Assert.Equal(ArcticXsTextEncoder.EncoderId, provider.GetRequiredService<ITextEncoder>().Id);
        Assert.NotNull(provider.GetRequiredService<ItemEmbedder>());
        Assert.NotNull(ActivatorUtilities.CreateInstance<EmbedItems>(provider));
    }

    [Fact]
    public void With_semantics_off_the_app_loads_no_encoder_and_the_sweep_stays_resolvable()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Longview:Semantics:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLongviewFunctions(configuration);

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(ITextEncoder));
        Assert.Contains(services, d => d.ServiceType == typeof(ItemEmbeddingSweep));
    }
}
