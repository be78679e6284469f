namespace Longview.Functions.Tests.Http;

/// <summary>The contract suite against the self-hosted app on Kestrel.</summary>
public sealed class SelfHostedContract : ApiContract
{
    protected override async Task<IApiHost> StartAsync(long maxBodyBytes = MaxBodyBytes) => await SelfHostedApi.StartAsync(maxBodyBytes);
}
