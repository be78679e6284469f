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
            .SelectMany(t => t["methods"]!.AsArray().Select(m => $"{m!.GetValue<string>().ToUpperInvariant()} /api/{t["route"]!.GetValue<string>()}"))
            .ToHashSet(StringComparer.Ordinal);

        var document = JsonNode.Parse(await File.ReadAllTextAsync(OpenApiPath()))!;
        var documented = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}"))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(documented.Order(StringComparer.Ordinal), functions.Order(StringComparer.Ordinal));
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
