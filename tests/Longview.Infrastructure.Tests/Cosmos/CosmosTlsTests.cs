using Longview.Core.Ports;
using Longview.Core.Profiles;

namespace Longview.Infrastructure.Tests.Cosmos;

/// <summary>The emulator's self-signed certificate is accepted only when the setting says so.</summary>
public sealed class CosmosTlsTests
{
    private const string TlsEndpointVariable = "LONGVIEW_TEST_COSMOS_TLS_ENDPOINT";

    private static Uri TlsEndpoint => new(Environment.GetEnvironmentVariable(TlsEndpointVariable)!);

    [CosmosFact]
    public async Task With_the_emulator_setting_a_profile_round_trips_over_the_self_signed_certificate()
    {
        await using var cosmos = new CosmosEmulator(o => o.ForEmulator(TlsEndpoint, o.Key!));
        Assert.True(cosmos.Options.AcceptAnyServerCertificate);

        await cosmos.Profiles.WriteManyAsync([new ProfileWrite(new UserProfile { UserId = "tls-user" }, null)]);

        Assert.Equal("tls-user", (await cosmos.Profiles.GetAsync("tls-user"))!.Profile.UserId);
    }

    [CosmosFact]
    public async Task Without_it_the_certificate_is_refused()
    {
        // Not disposed through CosmosEmulator: its cleanup (dropping the database) cannot connect either.
        var cosmos = new CosmosEmulator(o =>
        {
            o.ForEmulator(TlsEndpoint, o.Key!);
            o.AcceptAnyServerCertificate = false;
            o.RequestTimeout = TimeSpan.FromSeconds(2);
        });
        using var client = cosmos.Client;

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => cosmos.Profiles.GetAsync("tls-user"));

        Assert.IsType<System.Security.Authentication.AuthenticationException>(error.InnerException);
    }
}
