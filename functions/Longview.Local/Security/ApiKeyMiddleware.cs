namespace Longview.Local.Security;

/// <summary>Answers 401 problem+json to any request but the anonymous ones that lacks the right API key.</summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyVerifier verifier)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (AnonymousRoutes.Includes(context.Request) || verifier.Accepts(context.Request))
        {
            await next(context);
            return;
        }
        var presented = ApiKeyVerifier.Presented(context.Request) is not null;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await TypedResults.Problem(
                title: "Unauthorized",
                detail: presented
                    ? "The API key presented is not valid."
                    : $"This server requires an API key: send it in the {ApiKeyVerifier.HeaderName} header or as Authorization: Bearer <key>.",
                statusCode: StatusCodes.Status401Unauthorized)
            .ExecuteAsync(context);
    }
}
