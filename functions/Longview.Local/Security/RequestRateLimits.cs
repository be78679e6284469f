using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Longview.Local.Security;

/// <summary>ASP.NET Core rate limiting: a token bucket per client, 429 problem+json with Retry-After when it is empty.</summary>
internal static class RequestRateLimits
{
    public static IServiceCollection AddLongviewRateLimits(this IServiceCollection services, RequestRateLimitOptions options, ApiKeyVerifier? verifier)
    {
        options.Validate();
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                AnonymousRoutes.Includes(context.Request)
                    ? RateLimitPartition.GetNoLimiter("anonymous")
                    : RateLimitPartition.GetTokenBucketLimiter(PartitionOf(context, verifier), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.TokenLimit,
                        TokensPerPeriod = options.TokensPerPeriod,
                        ReplenishmentPeriod = options.ReplenishmentPeriod,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : options.ReplenishmentPeriod;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                        type: "https://tools.ietf.org/html/rfc6585#section-4",
                        title: "Too many requests",
                        detail: $"This client has used its {options.TokenLimit} requests (refilled by {options.TokensPerPeriod} every {options.ReplenishmentPeriod.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s); retry after {seconds} s.",
                        statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    // A valid key identifies the client better than an address (several clients behind one proxy); without one, the
    // address is all there is. Invalid keys do not get their own bucket, so guessing keys spends the address's bucket.
    private static string PartitionOf(HttpContext context, ApiKeyVerifier? verifier) =>
        verifier is not null && verifier.Accepts(context.Request)
            ? "key"
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
