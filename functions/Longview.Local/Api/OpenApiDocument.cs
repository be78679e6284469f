using Longview.Api;
using Microsoft.OpenApi;

namespace Longview.Local.Api;

/// <summary>The OpenAPI document, served at <see cref="Route"/>; a copy is committed at functions/Longview.Local/openapi.json.</summary>
public static class OpenApiDocument
{
    public const string Route = ApiDocs.DocumentRoute;

    public static IServiceCollection AddLongviewOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Longview";
                document.Info.Description = "Retention-aware recommendation backend: ingestion, profiles, recommendations, retention.";
                document.Info.Version = "v1";
                // The served address differs per host and port; the committed copy must not depend on it.
                document.Servers = [];
                OpenApiSecurity.Describe(document);
                return Task.CompletedTask;
            });
        });

    public static IEndpointRouteBuilder MapLongviewOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(Route);
        app.MapGet(ApiDocs.PageRoute, ApiDocs.GetPage).ExcludeFromDescription();
        app.MapGet(ApiDocs.AssetRoute, (string file) => ApiDocs.GetAsset(file)).ExcludeFromDescription();
        return app;
    }
}
