using Longview.Core.Lifecycle.Members;
using Longview.Core.Lifecycle.Scoring;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>
/// GET /api/users/{userId}/lifecycle: segment, churn risk with its source and reasons, P(alive), predicted value, value
/// at risk, RFM tier, behavioural group and lifespan, scored now from the profile with the newest lifecycle model.
/// </summary>
public static class LifecycleEndpoint
{
    public static async Task<IResult> GetAsync(HttpRequest request, LifecycleReader reader, CancellationToken cancellationToken)
    {
        var userId = PathIds.Read(request, "userId", fromEnd: 2);
        if (userId.Problem is { } invalid)
        {
            return invalid;
        }
        return await reader.UserAsync(userId.Value, cancellationToken).ConfigureAwait(false) is { } lifecycle
            ? TypedResults.Ok(lifecycle)
            : Problems.NotFound("Unknown user", $"No activity has been ingested for user '{userId.Value}'.");
    }
}
