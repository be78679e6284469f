using Longview.Api;
using Longview.Core.Erasure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

public sealed class UsersApi(UserErasure erasure)
{
    /// <summary>DELETE /api/users/{userId}: <see cref="UsersEndpoint"/>, right to be forgotten.</summary>
    [Function("DeleteUser")]
    public Task<IResult> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "users/{userId}")] HttpRequest request, CancellationToken cancellationToken) =>
        UsersEndpoint.DeleteAsync(request, erasure, cancellationToken);
}
