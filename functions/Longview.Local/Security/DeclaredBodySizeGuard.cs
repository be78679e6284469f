using Longview.Api;
using Microsoft.AspNetCore.Http.Features;

namespace Longview.Local.Security;

/// <summary>
/// Answers 413 problem+json to any request that declares a body larger than the limit, before its route runs: routes
/// that read their body get the same answer from Longview.Api's RequestBody, and routes that ignore it (e.g. starting a
/// training run) must not act on a request the server would refuse. Chunked bodies are bounded while read.
/// </summary>
internal sealed class DeclaredBodySizeGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (limit is not null && context.Request.ContentLength > limit)
        {
            await Problems.TooLarge(limit.Value).ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
