using System.Net.Http;
using Longview.Local.Security;
using Microsoft.OpenApi;

namespace Longview.Local.Api;

/// <summary>
/// What the document says about access, for both hosts: the self-hosted API key (<c>x-api-key</c> or a bearer token)
/// and the Functions function key (<c>x-functions-key</c> or <c>?code=</c>); each operation but the probes needs one of
/// them and may answer 401 (no or a wrong key) and 429 (the self-hosted rate limit, with Retry-After); each POST may
/// answer 415 (its Content-Type is not JSON). Written once here, so a new route cannot lack them.
/// </summary>
internal static class OpenApiSecurity
{
    private static readonly HashSet<string> Anonymous = new(StringComparer.Ordinal) { "/api/health", "/api/health/ready" };

    public static void Describe(Microsoft.OpenApi.OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            ["apiKey"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyVerifier.HeaderName, Description = "Self-hosted: the API key set with --api-key / Longview__Security__ApiKey." },
            ["bearer"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "Self-hosted: the same API key as Authorization: Bearer <key>." },
            ["functionKey"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "x-functions-key", Description = "Azure Functions: a function or host key." },
            ["functionCode"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Query, Name = "code", Description = "Azure Functions: a function or host key in the query." },
        };
        var problem = document.Components.Schemas?.ContainsKey("ProblemDetails") == true ? new OpenApiSchemaReference("ProblemDetails", document) : null;
        foreach (var (path, item) in document.Paths)
        {
            if (Anonymous.Contains(path) || item.Operations is null)
            {
                continue;
            }
            foreach (var (method, operation) in item.Operations)
            {
                operation.Security = [.. document.Components.SecuritySchemes.Keys.Select(scheme => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] })];
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("401", Problem("No API key or function key, or a wrong one.", problem));
                operation.Responses.TryAdd("429", Problem("Too many requests (self-hosted rate limit); retry after the Retry-After header's seconds.", problem));
                if (method == HttpMethod.Post)
                {
                    operation.Responses.TryAdd("415", Problem("The Content-Type is not one this route accepts (JSON; NDJSON for events).", problem));
                }
            }
        }
    }

    private static OpenApiResponse Problem(string description, IOpenApiSchema? schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = schema } },
    };
}
