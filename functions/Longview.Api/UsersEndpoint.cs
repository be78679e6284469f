using Longview.Core.Erasure;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>DELETE /api/users/{userId}: right to be forgotten; 204 when something was erased, 404 when nothing is stored.</summary>
public static class UsersEndpoint
{
    public static async Task<IResult> DeleteAsync(HttpRequest request, UserErasure erasure, CancellationToken cancellationToken)
    {
        var userId = PathIds.Read(request, "userId", fromEnd: 1);
        if (userId.Problem is { } invalid)
        {
            return invalid;
        }
        try
        {
            return (await erasure.EraseAsync(userId.Value, cancellationToken).ConfigureAwait(false)).Found
                ? TypedResults.NoContent()
                : Problems.NotFound("Unknown user", $"Nothing is stored for user '{userId.Value}'.");
        }
        catch (InvalidUserIdException e)
        {
            return Problems.InvalidParameter("userId", e.Reason);
        }
    }
}
