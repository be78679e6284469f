using System.Text.Json.Nodes;
using Longview.Local.Api;
using Longview.Local.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Local.Tests.Api;

public sealed class OpenApiDocumentTests
{
    private static string CommittedPath => Path.Combine(SharedData.RepositoryRoot(), "functions", "Longview.Local", "openapi.json");

    [Fact]
    public async Task The_served_document_describes_every_api_route_the_app_maps()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);
        var document = JsonNode.Parse(await app.Client.GetStringAsync(OpenApiDocument.Route))!;
        var paths = document["paths"]!.AsObject();

        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) && !Longview.Api.ApiDocs.Routes.Contains(e.RoutePattern.RawText))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => (Path: e.RoutePattern.RawText!, Method: m.ToLowerInvariant())))
            .ToList();

        Assert.Superset(
            new HashSet<(string, string)> { ("/api/events", "post"), ("/api/items", "post"), ("/api/users/{userId}/profile", "get"), ("/api/health", "get") },
            mapped.ToHashSet());
        Assert.All(mapped, route => Assert.NotNull(paths[route.Path]?[route.Method]));
        Assert.NotNull(paths["/api/events"]!["post"]!["responses"]!["413"]);
        Assert.NotNull(paths["/api/users/{userId}/profile"]!["get"]!["responses"]!["404"]);
        // The route answers the public profile; the stored encoding (UserProfile) is not part of the API.
        var schemas = document["components"]!["schemas"]!.AsObject();
        Assert.Equal("#/components/schemas/PublicProfile", (string?)paths["/api/users/{userId}/profile"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.NotNull(schemas["PublicRecentEvent"]!["properties"]!["itemId"]);
        Assert.Equal("date", (string?)schemas["PublicProfileActivity"]!["properties"]!["firstActiveDay"]!["format"]);
        Assert.False(schemas.ContainsKey("UserProfile"));
        Assert.NotNull(paths["/api/training/runs"]!["get"]!["responses"]!["200"]);
    }

    [Fact]
    public async Task The_committed_copy_is_the_served_document()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);
        var served = await app.Client.GetStringAsync(OpenApiDocument.Route);
        if (Environment.GetEnvironmentVariable("LONGVIEW_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CommittedPath, served.ReplaceLineEndings("\n").TrimEnd() + "\n");
        }

        var committed = File.Exists(CommittedPath) ? JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath)) : null;

        Assert.True(
            JsonNode.DeepEquals(committed, JsonNode.Parse(served)),
            $"{CommittedPath} differs from the served {OpenApiDocument.Route}; refresh it with LONGVIEW_UPDATE_OPENAPI=1 dotnet test --filter OpenApiDocumentTests and commit it.");
    }
}
