using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Api;

/// <summary>What the shared handlers' results need from a host's services: problem+json and the JSON conventions.</summary>
public static class ApiServices
{
    public static IServiceCollection AddLongviewApi(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Routing answers 415 itself when a route's declared media types do not match; give it the same detail.
            if (context.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && context.ProblemDetails.Detail is null)
            {
                context.ProblemDetails.Detail = JsonMediaTypes.Refusal(context.HttpContext.Request.ContentType);
            }
        });
        services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        return services;
    }
}
