using Longview.Api;
using Longview.Local.Tests.Retention;
using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Api;

/// <summary>
/// The docs UI renders the API in a real browser with every host but the app's own unreachable: its files come from
/// the package, not a CDN.
/// </summary>
public sealed class ApiDocsPageTests
{
    [ChromiumFact]
    public async Task The_docs_page_renders_every_operation_offline()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);
        var page = new Uri(app.Client.BaseAddress!, ApiDocs.PageRoute);

        var dom = await Chromium.RunAsync(Path.Combine(folder.Path, "chromium-docs"), page.ToString(),
            $"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {page.Host}", "--virtual-time-budget=15000", "--dump-dom");

        Assert.Contains("class=\"swagger-ui", dom, StringComparison.Ordinal);
        Assert.Contains("Longview", dom, StringComparison.Ordinal);
        // swagger-ui lists each operation as an opblock with its path.
        Assert.Contains("/api/users/{userId}/recommendations", dom, StringComparison.Ordinal);
        Assert.Contains("/api/retention/daily", dom, StringComparison.Ordinal);
        Assert.Contains("opblock-get", dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_docs_files_are_served_from_the_package_and_unknown_ones_are_404()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);

        var bundle = await app.Client.GetAsync("/api/docs/swagger-ui-bundle.js");
        var missing = await app.Client.GetAsync("/api/docs/nope.js");

        Assert.Equal(System.Net.HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType?.MediaType);
        Assert.True((await bundle.Content.ReadAsByteArrayAsync()).Length > 100_000);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }
}
