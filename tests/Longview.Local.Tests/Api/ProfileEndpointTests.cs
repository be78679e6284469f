using System.Text;
using Longview.Api;
using Longview.Core.Items;
using Longview.Core.Ports;
using Longview.Core.Profiles;
using Longview.Core.Serving.Catalog;
using Longview.Local.Tests.Security;
using Longview.Local.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Local.Tests.Api;

public sealed class ProfileEndpointTests
{
    [Fact]
    public async Task A_catalogue_that_cannot_be_read_leaves_the_interests_out_with_a_warning_and_the_profile_is_answered()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);
        var posted = await app.Client.PostAsync("/api/events", new StringContent(
            """{"eventId":"e1","userId":"u1","itemId":"i1","type":"view","timestamp":"2025-01-01T00:00:00Z"}""", Encoding.UTF8, "application/x-ndjson"));
        posted.EnsureSuccessStatusCode();
        var failing = new CatalogSnapshotCache(new UnreadableCatalog(), TimeProvider.System, Options.Create(new CatalogSnapshotOptions()), NullLogger<CatalogSnapshotCache>.Instance);
        using var logs = new CapturedLogs();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(logs));
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Request.Path = "/api/users/u1/profile";

        var result = await ProfileEndpoint.GetAsync(context.Request, app.Services.GetRequiredService<IProfileStore>(),
            app.Services.GetRequiredService<IOptions<ProfileLimits>>(), failing, loggers, CancellationToken.None);

        var profile = Assert.IsType<Ok<PublicProfile>>(result).Value!;
        Assert.Equal("u1", profile.UserId);
        Assert.Null(profile.Interests);
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(typeof(ProfileEndpoint).FullName, warning.Category);
        Assert.Contains("without its interests", warning.Message);
        Assert.Contains("catalogue unreadable", warning.Exception);
    }

    private sealed class UnreadableCatalog : IItemCatalog
    {
        public Task UpsertManyAsync(IReadOnlyList<CatalogItem> items, CancellationToken cancellationToken = default) => throw new IOException("catalogue unreadable");

        public Task<IReadOnlyDictionary<string, CatalogItem>> GetManyAsync(IReadOnlyCollection<string> itemIds, CancellationToken cancellationToken = default) =>
            throw new IOException("catalogue unreadable");

        public IAsyncEnumerable<CatalogItem> ScanAsync(CancellationToken cancellationToken = default) => throw new IOException("catalogue unreadable");

        public Task<long> CountAsync(CancellationToken cancellationToken = default) => throw new IOException("catalogue unreadable");
    }
}
