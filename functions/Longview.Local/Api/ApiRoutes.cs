using Longview.Local.Training;

namespace Longview.Local.Api;

/// <summary>The /api surface of DESIGN.md; every route lives in its own file.</summary>
public static class ApiRoutes
{
    public static IEndpointRouteBuilder MapLongviewApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapEventRoutes();
        api.MapItemRoutes();
        api.MapProfileRoutes();
        api.MapLifecycleRoutes();
        api.MapHealthRoutes();
        api.MapRetentionRoutes();
        app.MapRetentionPageShortcut();
        api.MapUserRoutes();
        api.MapRecommendationRoutes();
        api.MapModelRoutes();
        api.MapTrainingRoutes();
        api.MapExperimentRoutes();
        api.MapOutcomeRoutes();
        api.MapCampaignRoutes();
        app.MapLongviewOpenApi();
        return app;
    }
}
