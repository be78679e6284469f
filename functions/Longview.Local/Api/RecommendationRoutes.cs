using Longview.Api;
using Longview.Core.Serving;
using Microsoft.OpenApi;

namespace Longview.Local.Api;

internal static class RecommendationRoutes
{
    public static void MapRecommendationRoutes(this RouteGroupBuilder api) =>
        api.MapGet("/users/{userId}/recommendations", (HttpRequest request, string userId, RecommendationService service, IServedListRecorder served, CancellationToken ct) =>
                RecommendationsEndpoint.GetAsync(request, service, served, ct))
            .WithName("GetRecommendations")
            .WithSummary("Retention-aware recommendations for a user; unknown users get cold-start items.")
            .WithDescription("Query: `count` (1-100, default 10), `explain` (true/false: add a short reason per item), `exclude` (comma-separated item ids, at most 500), `category` (only items of this category). `modelVersion` is `fallback` while no model is loaded. A bad parameter gives 400 problem+json whose `parameter` member names it. " + PathIdRules.Description)
            // The handler reads the query itself (so a bad value is a problem naming the parameter, not a binding
            // failure); the parameters are declared here for the document.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(Query("count", "How many items (1-100).", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "100", Default = 10 }));
                operation.Parameters.Add(Query("explain", "Add a short reason per item.", new OpenApiSchema { Type = JsonSchemaType.Boolean, Default = false }));
                operation.Parameters.Add(Query("exclude", "Comma-separated item ids not to recommend (at most 500).", new OpenApiSchema { Type = JsonSchemaType.String }));
                operation.Parameters.Add(Query("category", "Only items of this category.", new OpenApiSchema { Type = JsonSchemaType.String }));
                return Task.CompletedTask;
            })
            .Produces<Recommendation>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static OpenApiParameter Query(string name, string description, OpenApiSchema schema) =>
        new() { Name = name, In = ParameterLocation.Query, Required = false, Description = description, Schema = schema };
}
