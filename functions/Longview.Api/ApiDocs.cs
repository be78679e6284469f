using System.Collections.Frozen;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>
/// The docs UI at /api/docs: swagger-ui's own files, read from the resources of the Swashbuckle.AspNetCore.SwaggerUI
/// package (nothing from a CDN, so it renders offline and behind a firewall), with a page and an initializer of ours
/// that load the host's /api/openapi.json. Both hosts serve these routes; they describe the API and are not part of it,
/// so the document does not list them (<see cref="Routes"/>).
/// </summary>
public static class ApiDocs
{
    public const string DocumentRoute = "/api/openapi.json";
    public const string PageRoute = "/api/docs";
    public const string AssetRoute = "/api/docs/{file}";

    /// <summary>The routes of the API's description, in both hosts and in neither's document.</summary>
    public static IReadOnlySet<string> Routes { get; } = new HashSet<string>(StringComparer.Ordinal) { DocumentRoute, PageRoute, AssetRoute };

    private const string ResourcePrefix = "Swashbuckle.AspNetCore.SwaggerUI.node_modules.swagger_ui_dist.";
    private const string Initializer = "longview-docs.js";

    // Relative links: the page is /api/docs, so docs/x is /api/docs/x and openapi.json is /api/openapi.json.
    private const string Page = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Longview API</title>
          <link rel="stylesheet" href="docs/swagger-ui.css">
          <link rel="icon" type="image/png" href="docs/favicon-32x32.png">
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="docs/swagger-ui-bundle.js"></script>
          <script src="docs/longview-docs.js"></script>
        </body>
        </html>
        """;

    // A function key in the page's address (?code=, the Functions app) goes with the document request; no validator
    // badge, since it would call validator.swagger.io.
    private const string InitializerScript = """
        const code = new URLSearchParams(window.location.search).get("code");
        window.ui = SwaggerUIBundle({
          url: "openapi.json" + (code ? "?code=" + encodeURIComponent(code) : ""),
          dom_id: "#swagger-ui",
          deepLinking: true,
          validatorUrl: null,
          persistAuthorization: false,
        });
        """;

    private static readonly Lazy<FrozenDictionary<string, (byte[] Content, string ContentType)>> Assets = new(Load);

    public static IResult GetPage() => TypedResults.Text(Page, "text/html; charset=utf-8", Encoding.UTF8);

    public static IResult GetAsset(string? file) =>
        file is not null && Assets.Value.TryGetValue(file, out var asset)
            ? TypedResults.Bytes(asset.Content, asset.ContentType)
            : Problems.NotFound("No such file", $"The docs UI has no file '{file}'.");

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var package = typeof(Swashbuckle.AspNetCore.SwaggerUI.SwaggerUIOptions).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal)
        {
            [Initializer] = (Encoding.UTF8.GetBytes(InitializerScript), "text/javascript; charset=utf-8"),
        };
        foreach (var name in package.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var file = name[ResourcePrefix.Length..];
            if (ContentType(file) is not { } contentType)
            {
                continue;
            }
            using var stream = package.GetManifestResourceStream(name)!;
            files[file] = (Decompressed(stream), contentType);
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The package may store its files gzipped; clients get them plain, whatever they accept.</summary>
    private static byte[] Decompressed(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        if (bytes is not [0x1f, 0x8b, ..])
        {
            return bytes;
        }
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }

    private static string? ContentType(string file) => Path.GetExtension(file) switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".png" => "image/png",
        _ => null,
    };
}
