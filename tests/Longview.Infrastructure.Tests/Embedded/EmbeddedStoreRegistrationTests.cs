using System.Text;
using Longview.Core.Events;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Folder;
using Longview.Infrastructure.Embedded.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longview.Infrastructure.Tests.Embedded;

public sealed class EmbeddedStoreRegistrationTests : IDisposable
{
    private readonly TestFolder _folder = new();

    [Fact]
    public async Task AddEmbeddedStores_gives_one_shared_store_of_each_kind_writing_under_the_data_folder()
    {
        var data = Path.Combine(_folder.Path, "data");
        await using (var provider = Services(o => o.DataFolder = data).BuildServiceProvider())
        {
            var profiles = provider.GetRequiredService<IProfileStore>();
            var catalog = provider.GetRequiredService<IItemCatalog>();
            var blobs = provider.GetRequiredService<IBlobStore>();

            Assert.Same(provider.GetRequiredService<SqliteProfileStore>(), profiles);
            Assert.Same(provider.GetRequiredService<SqliteItemCatalog>(), catalog);
            Assert.Same(provider.GetRequiredService<FolderBlobStore>(), blobs);
            Assert.Same(profiles, provider.GetRequiredService<IProfileStore>());

            var profile = new UserProfile { UserId = "u1", Recent = [new RecentEvent("i1", DateTimeOffset.UnixEpoch, EventType.View)] };
            await profiles.WriteManyAsync([new ProfileWrite(profile, null)]);
            await blobs.PutAsync("models", "current.json", Encoding.UTF8.GetBytes("{}"));
        }

        Assert.True(File.Exists(Path.Combine(data, "profiles.db")));
        Assert.True(File.Exists(Path.Combine(data, "catalog.db")));
        Assert.Equal("{}", File.ReadAllText(Path.Combine(data, "blobs", "models", "current.json")));

        // A second container over the same folder is a restart: the data is still there.
        await using var restarted = Services(o => o.DataFolder = data).BuildServiceProvider();
        Assert.Equal("i1", (await restarted.GetRequiredService<IProfileStore>().GetAsync("u1"))!.Profile.Recent.Single().ItemId);
    }

    [Fact]
    public async Task An_empty_data_folder_setting_fails_when_the_store_is_first_resolved()
    {
        await using var provider = Services(o => o.DataFolder = " ").BuildServiceProvider();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<IProfileStore>());

        Assert.Contains("Longview:Embedded:DataFolder", error.Message);
    }

    public void Dispose() => _folder.Dispose();

    private static ServiceCollection Services(Action<EmbeddedStoreOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddEmbeddedStores(configure);
        return services;
    }
}
