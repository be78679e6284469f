using Longview.Api;
using Longview.Core.Profiles;
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
            // Hand-written JSON converters hide the element shapes of these two lists from the schema generator.
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(UserProfile) && schema.Properties is { } properties)
                {
                    DescribeItems(properties, "recent", ["itemId", "timestamp", "type"],
                        ("itemId", Text()), ("timestamp", Text("date-time")), ("type", Text()), ("value", Number()), ("eventId", Text()));
                    DescribeItems(properties, "impressions", ["itemId", "timestamp", "eventKey"],
                        ("itemId", Text()), ("timestamp", Text("date-time")), ("eventKey", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "uint64" }));
                }
                return Task.CompletedTask;
            });
        });

    private static OpenApiSchema Text(string? format = null) => new() { Type = JsonSchemaType.String, Format = format };

    private static OpenApiSchema Number() => new() { Type = JsonSchemaType.Number, Format = "double" };

    private static void DescribeItems(IDictionary<string, IOpenApiSchema> properties, string list, string[] required, params (string Name, OpenApiSchema Schema)[] members)
    {
        if (properties.TryGetValue(list, out var found) && found is OpenApiSchema array)
        {
            array.Items = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = members.ToDictionary(m => m.Name, m => (IOpenApiSchema)m.Schema),
                Required = new HashSet<string>(required),
            };
        }
    }

    public static IEndpointRouteBuilder MapLongviewOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(Route);
        app.MapGet(ApiDocs.PageRoute, ApiDocs.GetPage).ExcludeFromDescription();
        app.MapGet(ApiDocs.AssetRoute, (string file) => ApiDocs.GetAsset(file)).ExcludeFromDescription();
        return app;
    }
}
