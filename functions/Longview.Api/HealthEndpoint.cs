using Longview.Core.Serving;
using Longview.Core.Serving.Models;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>GET (and HEAD, for probes that only look at the status) /api/health.</summary>
public static class HealthEndpoint
{
    public static IResult Get(IModelSource models) =>
        TypedResults.Ok(new HealthResponse("ok", models.Current?.Version ?? RecommendationService.FallbackVersion));
}
