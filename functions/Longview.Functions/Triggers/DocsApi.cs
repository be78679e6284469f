using Longview.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

/// <summary>
/// The API's description in the Functions app: the committed openapi.json (the self-hosted app generates it from the
/// same routes; FunctionRoutesTests keeps the two route lists equal), embedded in this assembly, and the docs UI
/// (<see cref="ApiDocs"/>). Function keys apply: open /api/docs?code=&lt;key&gt;; the page passes the key on.
/// </summary>
public sealed class DocsApi
{
    private static readonly Lazy<byte[]> Document = new(() =>
    {
        using var stream = typeof(DocsApi).Assembly.GetManifestResourceStream("openapi.json")
            ?? throw new InvalidOperationException("openapi.json is not embedded in Longview.Functions");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    [Function("GetOpenApiDocument")]
    public IResult GetDocument([HttpTrigger(AuthorizationLevel.Function, "get", Route = "openapi.json")] HttpRequest request) =>
        TypedResults.Bytes(Document.Value, "application/json");

    [Function("GetApiDocs")]
    public IResult GetPage([HttpTrigger(AuthorizationLevel.Function, "get", Route = "docs")] HttpRequest request) =>
        ApiDocs.GetPage();

    [Function("GetApiDocsFile")]
    public IResult GetFile([HttpTrigger(AuthorizationLevel.Function, "get", Route = "docs/{file}")] HttpRequest request, string file) =>
        ApiDocs.GetAsset(file);
}
