namespace Longview.Functions.Tests.Http;

/// <summary>The contract suite against the Functions app's HTTP functions.</summary>
public sealed class FunctionsContract : ApiContract
{
    protected override Task<IApiHost> StartAsync(long maxBodyBytes = MaxBodyBytes) => Task.FromResult<IApiHost>(FunctionsApi.Start(maxBodyBytes));
}
