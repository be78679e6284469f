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
                // The profile's compact parts, written by hand-made converters (the storage encoding) and so empty to the generator.
                if (context.JsonTypeInfo.Type == typeof(ActiveDays))
                {
                    Describe(schema, "Active UTC days: how many, the first and last, and all of them as base64 varint day deltas.",
                        ("count", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" }), ("first", Text("date")), ("last", Text("date")), ("deltas", Text("byte")));
                }
                else if (context.JsonTypeInfo.Type == typeof(SeenEvents))
                {
                    Describe(schema, "The deduplication record: how many event keys it holds, the oldest time it covers, and the keys (base64, 16 bytes each).",
                        ("count", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" }), ("oldest", Text("date-time")), ("keys", Text("byte")));
                }
                else if (context.JsonTypeInfo.Type == typeof(EventTypeCounts))
                {
                    schema.Type = JsonSchemaType.Object;
                    schema.Description = "Events applied per type (view, click, purchase, ...); types never seen are left out.";
                    schema.AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" };
                }
                return Task.CompletedTask;
            });
        });

    private static void Describe(OpenApiSchema schema, string description, params (string Name, OpenApiSchema Schema)[] members)
    {
        schema.Type = JsonSchemaType.Object;
        schema.Description = description;
        schema.Properties = members.ToDictionary(m => m.Name, m => (IOpenApiSchema)m.Schema);
        schema.Required = new HashSet<string>(["count"]);
    }

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
