using System.Reflection;
using System.Text.Json.Nodes;
using Longview.Functions.Triggers;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;

namespace Longview.Functions.Tests.Metadata;

/// <summary>
/// The function list the Functions host reads at start is the one the worker SDK's source generator wrote into the
/// app (GeneratedFunctionMetadataProvider): every declared function must be in it with its trigger, and its HTTP
/// routes must be exactly the OpenAPI document's, which the self-hosted app serves and openapi.json commits.
/// </summary>
public sealed class FunctionRoutesTests
{
    private static readonly Assembly App = typeof(EventsApi).Assembly;

    private static readonly Dictionary<Type, string> TriggerTypes = new()
    {
        [typeof(HttpTriggerAttribute)] = "httpTrigger",
        [typeof(TimerTriggerAttribute)] = "timerTrigger",
        [typeof(EventHubTriggerAttribute)] = "eventHubTrigger",
        [typeof(OrchestrationTriggerAttribute)] = "orchestrationTrigger",
        [typeof(ActivityTriggerAttribute)] = "activityTrigger",
    };

    [Fact]
    public async Task Every_declared_function_is_generated_with_its_trigger()
    {
        var generated = (await GeneratedAsync()).ToDictionary(f => f.Name!, f => Trigger(f)["type"]!.GetValue<string>());

        var declared = App.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .ToDictionary(
                m => m.GetCustomAttribute<FunctionAttribute>()!.Name,
                m => m.GetParameters().SelectMany(p => p.GetCustomAttributes()).Select(a => TriggerTypes.GetValueOrDefault(a.GetType())).Single(t => t is not null)!);

        Assert.Equal(declared.OrderBy(f => f.Key, StringComparer.Ordinal), generated.OrderBy(f => f.Key, StringComparer.Ordinal));
        Assert.Equal("eventHubTrigger", generated[nameof(IngestEvents)]);
    }

    [Fact]
    public async Task Every_http_function_answers_through_an_http_output()
    {
        // The triggers return IResult; the generator must still declare the HTTP response, or the host answers nothing.
        var http = (await GeneratedAsync()).Where(f => Trigger(f)["type"]!.GetValue<string>() == "httpTrigger").ToList();

        Assert.NotEmpty(http);
        Assert.All(http, f => Assert.Contains(f.RawBindings!.Select(b => JsonNode.Parse(b)!),
            b => (string?)b["name"] == "$return" && (string?)b["type"] == "http" && (string?)b["direction"] == "Out"));
    }

    [Fact]
    public async Task The_http_routes_are_the_openapi_documents()
    {
        var functions = (await GeneratedAsync())
            .Select(Trigger)
            .Where(t => t["type"]!.GetValue<string>() == "httpTrigger")
            // The document and its docs UI describe the API; they are not in the document (nor in the self-hosted one's).
            .Where(t => !Longview.Api.ApiDocs.Routes.Contains($"/api/{t["route"]!.GetValue<string>()}"))
            .SelectMany(t => t["methods"]!.AsArray().Select(m => $"{m!.GetValue<string>().ToUpperInvariant()} /api/{t["route"]!.GetValue<string>()}"))
            .ToHashSet(StringComparer.Ordinal);

        var document = JsonNode.Parse(await File.ReadAllTextAsync(OpenApiPath()))!;
        var documented = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(documented.Order(StringComparer.Ordinal), functions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_documented_operation_declares_its_path_parameters_and_every_secured_one_its_key_and_401()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(OpenApiPath()))!;
        var schemes = document["components"]!["securitySchemes"]!.AsObject().Select(s => s.Key).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["apiKey", "functionKey", "functionCode"]), schemes);
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            var inPath = System.Text.RegularExpressions.Regex.Matches(path, "{(?<name>[^}]+)}").Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
            foreach (var (method, operation) in item!.AsObject())
            {
                var declared = (operation!["parameters"]?.AsArray() ?? []).Where(p => (string?)p!["in"] == "path").Select(p => (string)p!["name"]!).ToHashSet(StringComparer.Ordinal);
                Assert.True(inPath.SetEquals(declared), $"{method} {path}: path parameters {string.Join(",", declared)}");
                if (path is not "/api/health" and not "/api/health/ready")
                {
                    Assert.True(operation["security"]?.AsArray().Count > 0, $"{method} {path} has no security requirement");
                    Assert.True(operation["responses"]!["401"] is not null, $"{method} {path} has no 401");
                }
            }
        }
        var recommendations = document["paths"]!["/api/users/{userId}/recommendations"]!["get"]!["parameters"]!.AsArray()
            .Where(p => (string?)p!["in"] == "query").Select(p => (string)p!["name"]!);
        Assert.Equal(["category", "count", "exclude", "explain"], recommendations.Order(StringComparer.Ordinal));
        Assert.NotNull(document["paths"]!["/api/retention/daily"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]);
    }

    private static async Task<IReadOnlyList<IFunctionMetadata>> GeneratedAsync()
    {
        var providerType = App.GetTypes().Single(t => typeof(IFunctionMetadataProvider).IsAssignableFrom(t) && !t.IsAbstract);
        var provider = (IFunctionMetadataProvider)Activator.CreateInstance(providerType)!;
        return await provider.GetFunctionMetadataAsync(AppContext.BaseDirectory);
    }

    private static JsonNode Trigger(IFunctionMetadata function) =>
        function.RawBindings!.Select(b => JsonNode.Parse(b)!).Single(b => b["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal));

    private static string OpenApiPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return Path.Combine(dir.FullName, "functions", "Longview.Local", "openapi.json");
            }
        }
        throw new InvalidOperationException($"no Serverless.sln above {AppContext.BaseDirectory}");
    }
}
