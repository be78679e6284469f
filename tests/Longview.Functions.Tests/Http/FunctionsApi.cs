using System.Net;
using System.Reflection;
using Longview.Api;
using Longview.Core.Experiments;
using Longview.Core.Outcomes;
using Longview.Core.Ports;
using Longview.Core.Retention.Jobs;
using Longview.Functions.Hosting;
using Longview.Functions.Triggers;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Outcomes;
using Longview.Infrastructure.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Longview.Functions.Tests.Http;

/// <summary>
/// The Functions app's HTTP functions in process, as its ASP.NET Core integration runs them: the trigger classes are
/// built from the app's own DI registration (<see cref="LongviewFunctionsServices.AddLongviewFunctions"/>, with the
/// embedded SQLite/folder stores in place of Cosmos DB and Azure Blob), each request becomes a real
/// <see cref="DefaultHttpContext"/> routed by the functions' own <see cref="HttpTriggerAttribute"/> routes, and the
/// returned <see cref="IResult"/>/<see cref="IActionResult"/> is executed into the response and read back.
/// The host's part is emulated as the Functions host (ASP.NET Core on Kestrel) does it: the path is decoded except
/// "%2F" and dot segments are removed after decoding; the raw target is kept; an unhandled exception is a bare 500.
/// </summary>
public sealed class FunctionsApi : IApiHost
{
    private readonly ServiceProvider _services;
    private readonly TempFolder _folder;
    private readonly List<HttpFunction> _functions;

    private FunctionsApi(ServiceProvider services, TempFolder folder)
    {
        _services = services;
        _folder = folder;
        _functions = HttpFunction.All(typeof(EventsApi).Assembly);
    }

    public string Name => "functions";

    public bool RoutesDotSegmentIds => false;

    public IServiceProvider Services => _services;

    public RecordingDurableTaskClient Durable { get; } = new();

    public static FunctionsApi Start(long maxBodyBytes)
    {
        var folder = new TempFolder();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{LongviewFunctionsServices.EventLimitsSection}:MaxBodyBytes"] = maxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{LongviewFunctionsServices.ItemLimitsSection}:MaxBodyBytes"] = maxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Longview:Serving:LogImpressions"] = "true",
        }).AddInMemoryCollection(ApiRequests.ExperimentSettings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLongviewFunctions(configuration);
        // The stores the app reaches through Cosmos DB and Azure Blob, on the embedded adapters of the same ports.
        services.RemoveAll<IProfileStore>();
        services.RemoveAll<IItemCatalog>();
        services.RemoveAll<Longview.Core.Semantics.IItemEmbeddingStore>();
        services.RemoveAll<IBlobStore>();
        services.RemoveAll<IRetentionReportStore>();
        services.RemoveAll<IServedListLog>();
        services.RemoveAll<IExperimentExposureLog>();
        services.AddEmbeddedStores(options => options.DataFolder = folder.Path);
        services.AddEmbeddedReportStore();
        services.AddEmbeddedOutcomeStores();
        return new FunctionsApi(services.BuildServiceProvider(), folder);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        var rawTarget = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.PathAndQuery : request.RequestUri.OriginalString;
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var path = "/" + string.Join('/', RequestTarget.Normalize(string.Join('/', rawPath.Split('/').Select(RequestTarget.DecodeExceptSlash))));

        var match = _functions.Select(f => (Function: f, Values: f.Match(path))).Where(m => m.Values is not null).ToList();
        var function = match.FirstOrDefault(m => m.Function.Methods.Contains(request.Method.Method, StringComparer.OrdinalIgnoreCase));
        if (function.Function is null)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        await using var scope = _services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        context.Request.Method = request.Method.Method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(queryStart < 0 ? "" : rawTarget[queryStart..]);
        foreach (var header in request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            context.Request.Headers[header.Key] = header.Value.ToArray();
        }
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync();
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = request.Headers.TransferEncodingChunked == true ? null : request.Content?.Headers.ContentLength ?? (body.Length > 0 ? body.Length : null);
        foreach (var (key, value) in function.Values!)
        {
            context.Request.RouteValues[key] = value;
        }
        var responseBody = new MemoryStream();
        context.Response.Body = responseBody;

        try
        {
            await function.Function.InvokeAsync(context, Durable);
        }
        catch (Exception)
        {
            // What the Functions host answers for a function that throws.
            return new HttpResponseMessage(HttpStatusCode.InternalServerError);
        }

        var response = new HttpResponseMessage((HttpStatusCode)context.Response.StatusCode)
        {
            Content = new ByteArrayContent(HttpMethods.IsHead(request.Method.Method) ? [] : responseBody.ToArray()),
        };
        foreach (var header in context.Response.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
            {
                response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }
        return response;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>One HTTP-triggered function: its route and methods as declared, and how to call it.</summary>
    public sealed class HttpFunction(string name, MethodInfo method, HttpTriggerAttribute trigger)
    {
        private readonly TemplateMatcher _matcher = new(TemplateParser.Parse("api/" + trigger.Route), new RouteValueDictionary());

        public string Name { get; } = name;

        public string Route { get; } = "/api/" + trigger.Route;

        public string[] Methods { get; } = trigger.Methods ?? [];

        public static List<HttpFunction> All(Assembly app) =>
            app.GetTypes()
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
                .Select(m => (Method: m, Name: m.GetCustomAttribute<FunctionAttribute>()?.Name,
                    Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
                .Where(f => f.Name is not null && f.Trigger is not null)
                .Select(f => new HttpFunction(f.Name!, f.Method, f.Trigger!))
                .ToList();

        public RouteValueDictionary? Match(string path)
        {
            var values = new RouteValueDictionary();
            return _matcher.TryMatch(path, values) ? values : null;
        }

        public async Task InvokeAsync(HttpContext context, DurableTaskClient durable)
        {
            var target = ActivatorUtilities.CreateInstance(context.RequestServices, method.DeclaringType!);
            var arguments = method.GetParameters().Select(p => p.ParameterType switch
            {
                var t when t == typeof(HttpRequest) => context.Request,
                var t when t == typeof(CancellationToken) => context.RequestAborted,
                var t when t == typeof(DurableTaskClient) => durable,
                var t when t == typeof(string) => (object?)context.Request.RouteValues[p.Name!]?.ToString(),
                var t => throw new InvalidOperationException($"{Name}: no binding for {t.Name} {p.Name}"),
            }).ToArray();
            var returned = method.Invoke(target, arguments);
            if (returned is Task task)
            {
                await task;
                returned = task.GetType().GetProperty("Result")?.GetValue(task);
            }
            switch (returned)
            {
                case IResult result:
                    await result.ExecuteAsync(context);
                    break;
                case IActionResult action:
                    await action.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
                    break;
                default:
                    throw new InvalidOperationException($"{Name} returned {returned?.GetType().Name ?? "null"}, which the ASP.NET Core integration does not execute");
            }
        }
    }
}
