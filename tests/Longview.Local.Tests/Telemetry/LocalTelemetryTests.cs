using System.Diagnostics;
using System.Net.Http.Json;
using Longview.Core.Privacy;
using Longview.Core.Telemetry;
using Longview.Local.Hosting;
using Longview.Local.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Longview.Local.Tests.Telemetry;

/// <summary>
/// The self-hosted app's OpenTelemetry pipeline, with the SDK's in-memory exporters added where an operator's OTLP
/// exporter would be: the Longview meter and spans and ASP.NET Core's request telemetry arrive, and no user id does.
/// The SDK listens to every meter named Longview in the process, so counts from other tests' apps would leak into the
/// in-memory exporter: the class runs alone.
/// </summary>
[Collection(LocalTelemetryCollection.Name)]
public sealed class LocalTelemetryTests
{
    private const string User = "telemetry-user-5e2a";

    [Fact]
    public async Task Without_an_otlp_endpoint_no_opentelemetry_sdk_runs()
    {
        using var folder = new TempFolder();
        await using var app = await RunningApp.StartAsync(folder.Path);

        Assert.Null(app.Services.GetService<MeterProvider>());
        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task Product_metrics_and_request_spans_are_exported_with_users_hashed()
    {
        using var folder = new TempFolder();
        var metrics = new List<Metric>();
        var spans = new List<System.Diagnostics.Activity>();
        var app = LocalWebApp.Create(
            new LocalHostOptions { Urls = "http://127.0.0.1:0", DataFolder = folder.Path, SeedWhenEmpty = false },
            logging => logging.ClearProviders(),
            builder =>
            {
                // An operator's collector address (nothing listens there: the in-memory exporters are what the test reads).
                builder.Configuration[LocalTelemetry.EndpointSetting] = "http://127.0.0.1:9";
                builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
                builder.Services
                    .ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics))
                    .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            });
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
            // A trace of this test's own: spans of other apps in the process (the source is process-wide) are told apart by it.
            var trace = ActivityTraceId.CreateRandom();
            using var events = new HttpRequestMessage(HttpMethod.Post, "/api/events")
            {
                Content = JsonContent.Create(new object[]
                {
                    new { eventId = "t1", userId = User, itemId = "i1", type = "view", timestamp = DateTimeOffset.UtcNow.AddMinutes(-1) },
                    new { eventId = "t2", userId = User, itemId = "i1", type = "watch", timestamp = DateTimeOffset.UtcNow.AddMinutes(-1) },
                }),
            };
            (await client.SendAsync(events)).EnsureSuccessStatusCode();
            using var recommend = new HttpRequestMessage(HttpMethod.Get, $"/api/users/{User}/recommendations?count=3");
            recommend.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
            (await client.SendAsync(recommend)).EnsureSuccessStatusCode();

            app.Services.GetRequiredService<MeterProvider>().ForceFlush();
            app.Services.GetRequiredService<TracerProvider>().ForceFlush();

            Assert.Equal(1, Sum(metrics, "longview.events.accepted"));
            Assert.Equal(1, Sum(metrics, "longview.events.rejected"));
            Assert.True(Sum(metrics, "longview.recommendations.served") >= 1);
            Assert.Contains(metrics, m => m.Name == "longview.recommendation.duration");
            Assert.Contains(metrics, m => m.Name == "http.server.request.duration");

            var mine = spans.Where(s => s.TraceId == trace).ToList();
            var server = Assert.Single(mine, s => s.Kind == ActivityKind.Server);
            var served = Assert.Single(mine, s => s.Source.Name == LongviewTelemetry.Name && s.OperationName == "longview.recommend");
            Assert.Equal(server.SpanId, served.ParentSpanId);
            var hash = app.Services.GetRequiredService<UserIdHash>().Of(User);
            Assert.Equal($"/api/users/{hash}/recommendations", server.GetTagItem("url.path"));
            Assert.All(mine, span => Assert.DoesNotContain(span.TagObjects, tag => tag.Value?.ToString()?.Contains(User, StringComparison.Ordinal) == true));
            Assert.DoesNotContain(User, server.DisplayName, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static long Sum(List<Metric> metrics, string name)
    {
        long sum = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                sum += point.GetSumLong();
            }
        }
        return sum;
    }
}
