using System.Net;
using Longview.Local.Hosting;
using Longview.Local.Security;
using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Security;

/// <summary>Token bucket per client: 429 problem+json with Retry-After once it is spent; health is never limited.</summary>
public sealed class RateLimitTests
{
    // One token back per hour: the bucket cannot refill during a test, so the counts below are exact.
    private static RequestRateLimitOptions Bucket(int tokens) =>
        new() { Enabled = true, TokenLimit = tokens, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromHours(1) };

    [Fact]
    public async Task The_request_after_the_bucket_is_spent_is_a_429_with_retry_after()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions { RateLimit = Bucket(3) });
        using var client = app.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync("/api/users/u1/profile")).StatusCode);
        }
        var limited = await client.GetAsync("/api/users/u1/profile");

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.NotFound, status));
        var problem = await Problem.ReadAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Contains("retry after", (string?)problem["detail"]);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/health")).StatusCode);
    }

    [Fact]
    public async Task Requests_with_a_valid_key_have_their_own_bucket_so_key_guessing_spends_only_the_address_bucket()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions { ApiKey = SecuredApp.Key, RateLimit = Bucket(2) });
        using var guessing = app.Client("guess-0123456789abcdef0");
        using var keyed = app.Client(SecuredApp.Key);

        Assert.Equal(HttpStatusCode.Unauthorized, (await guessing.GetAsync("/api/users/u1/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guessing.GetAsync("/api/users/u1/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guessing.GetAsync("/api/users/u1/profile")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await keyed.GetAsync("/api/users/u1/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await keyed.GetAsync("/api/users/u1/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await keyed.GetAsync("/api/users/u1/profile")).StatusCode);
    }

    [Fact]
    public async Task On_loopback_rate_limiting_is_off_unless_asked_for()
    {
        await using var app = await SecuredApp.StartAsync(new LocalSecurityOptions());
        using var client = app.Client();

        for (var i = 0; i < 250; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/users/u1/profile")).StatusCode);
        }
    }

    [Fact]
    public void Nonsense_limits_refuse_to_start_with_the_setting_named()
    {
        using var folder = new TempFolder();
        var options = new LocalHostOptions
        {
            Urls = "http://127.0.0.1:0",
            DataFolder = folder.Path,
            SeedWhenEmpty = false,
            Security = new LocalSecurityOptions { RateLimit = new RequestRateLimitOptions { Enabled = true, TokenLimit = 0 } },
        };

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => LocalWebApp.Create(options));

        Assert.Contains("Longview:Security:RateLimit:TokenLimit = 0", error.Message);
    }
}
