using System.Text;
using FsCheck;
using FsCheck.Xunit;

namespace Longview.Functions.Tests.Http;

/// <summary>
/// Random Unicode (control characters, lone surrogates, "/", "." ...) and random bytes (invalid UTF-8 included),
/// percent-encoded into every route parameter and query parameter, against both hosts: never a 5xx.
/// </summary>
public sealed class RouteParameterFuzzTests : IAsyncLifetime
{
    private static readonly string[] Targets =
    [
        "GET /api/users/{0}/profile",
        "GET /api/users/{0}/recommendations",
        "GET /api/users/u1/recommendations?exclude={0}&category={0}&count={0}&explain={0}",
        "DELETE /api/users/{0}",
        "GET /api/training/runs/{0}",
        "GET /api/retention/daily?from={0}&to={0}",
        "GET /api/retention/report?from={0}",
    ];

    private IApiHost[] _hosts = [];

    public async Task InitializeAsync() => _hosts = [await SelfHostedApi.StartAsync(4_000), FunctionsApi.Start(4_000)];

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    [Property(MaxTest = 100)]
    public async Task Random_unicode_in_any_parameter_is_never_a_server_error(UnicodeString text) =>
        await AssertNoServerErrorAsync(Encoding.UTF8.GetBytes(text.Item ?? ""));

    [Property(MaxTest = 100)]
    public async Task Random_bytes_in_any_parameter_are_never_a_server_error(byte[] bytes) =>
        await AssertNoServerErrorAsync(bytes);

    private async Task AssertNoServerErrorAsync(byte[] value)
    {
        var encoded = string.Concat(value.Select(b => $"%{b:X2}"));
        foreach (var host in _hosts)
        {
            foreach (var target in Targets)
            {
                var (method, path) = (target[..target.IndexOf(' ', StringComparison.Ordinal)], target[(target.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
                var response = await host.SendAsync(ApiRequests.Create(new HttpMethod(method), path.Replace("{0}", encoded, StringComparison.Ordinal)));
                Assert.True((int)response.StatusCode < 500, $"{host.Name} {method} {path} with {encoded}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }
}
