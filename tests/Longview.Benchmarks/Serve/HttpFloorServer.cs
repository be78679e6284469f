using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Longview.Benchmarks.Serve;

/// <summary>
/// The HTTP floor of the serve benchmark: the least any ASP.NET Core server pays to answer the benchmark's request.
/// It answers <c>GET /api/users/{id}/recommendations</c> with a fixed body (a response the real server gave, the same
/// bytes for every user) through the same hosting as the app (<c>WebApplication.CreateSlimBuilder</c>, Kestrel, the
/// same GC settings: this assembly's runtimeconfig matches the app's), with no middleware, store, model or JSON. Run in
/// its own process by <c>Longview.Benchmarks http-floor --urls URL --body FILE</c>, so its CPU per request is measured
/// like a server's; what Longview costs above it is what the service itself does per request.
/// </summary>
internal static class HttpFloorServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var urls = Argument(args, "--urls");
        var body = await File.ReadAllBytesAsync(Argument(args, "--body"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapGet("/api/health", () => Results.Text("""{"status":"healthy"}""", "application/json"));
        app.MapGet("/api/users/{userId}/recommendations", (string userId) => Results.Bytes(body, "application/json"));
        await app.RunAsync();
        return 0;
    }

    private static string Argument(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : throw new ArgumentException($"http-floor needs {name}");
    }
}
