using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Longview.Core.Retention.Jobs;
using Longview.Local.Security;
using Longview.Local.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Local.Tests.Ops;

/// <summary>Liveness stays as it was; readiness tells which component is short of its design, and why.</summary>
public sealed class ReadinessRouteTests
{
    [Fact]
    public async Task Readiness_names_every_component_and_is_degraded_until_a_retention_report_exists()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions());
        using var client = app.Client();

        var degraded = await client.GetAsync("/api/health/ready");
        Assert.Equal(HttpStatusCode.OK, degraded.StatusCode);
        using (var body = JsonDocument.Parse(await degraded.Content.ReadAsStringAsync()))
        {
            Assert.Equal("degraded", body.RootElement.GetProperty("status").GetString());
            Assert.Equal("fallback", body.RootElement.GetProperty("model").GetString());
            var components = body.RootElement.GetProperty("components").EnumerateArray()
                .ToDictionary(c => c.GetProperty("component").GetString()!, c => (Status: c.GetProperty("status").GetString(), Detail: c.GetProperty("detail").GetString()));
            Assert.Equal(["model", "reports", "store"], components.Keys.Order());
            Assert.Equal("ready", components["store"].Status);
            Assert.Equal("ready", components["model"].Status);
            Assert.Equal("degraded", components["reports"].Status);
            Assert.Contains("no daily retention report", components["reports"].Detail);
        }

        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        await app.Services.GetRequiredService<IRetentionReportStore>().PutAsync(new StoredReport(ReportKind.Daily, yesterday, DateTimeOffset.UtcNow, "[]"));

        using var ready = JsonDocument.Parse(await client.GetStringAsync("/api/health/ready"));
        Assert.Equal("ready", ready.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Liveness_keeps_its_body_and_both_probes_need_no_key()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions { ApiKey = SecuredApp.Key });
        using var client = app.Client();

        var live = await client.GetFromJsonAsync<JsonElement>("/api/health");
        Assert.Equal("ok", live.GetProperty("status").GetString());
        Assert.Equal("fallback", live.GetProperty("model").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/health/readyx")).StatusCode);
    }
}
