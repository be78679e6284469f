namespace Longview.Local.Api;

/// <summary>
/// The one sentence every route with an id in its path documents. Those routes still declare the id parameter (for
/// routing and the OpenAPI document), but the shared handler reads the id from the raw request target (PathIds).
/// </summary>
internal static class PathIdRules
{
    public const string Description =
        "The id is percent-encoded as one path segment (`a/b` is `a%2Fb`, `.` is `%2E`) and follows the event contract's id rule (1-128 characters, no control characters); otherwise 400 problem+json naming the parameter.";
}
