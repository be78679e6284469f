using Longview.Core.Erasure;
using Longview.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

public sealed class UsersApi(UserErasure erasure)
{
    /// <summary>DELETE /api/users/{userId}: right to be forgotten; 204 when something was erased, 404 problem+json when nothing is stored.</summary>
    [Function("DeleteUser")]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "users/{userId}")] HttpRequest request,
        string userId,
        CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await erasure.EraseAsync(userId, cancellationToken);
            return outcome.Found
                ? (IActionResult)new NoContentResult()
                : Problems.NotFound("Unknown user", $"Nothing is stored for user '{userId}'.");
        }
        catch (InvalidUserIdException e)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, "Invalid user id", e.Message);
        }
    }
}
