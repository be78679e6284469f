using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Longview.Local.Security;

/// <summary>
/// Wraps the real server (Kestrel) and checks the addresses it actually bound, whatever configured them (<c>--urls</c>,
/// <c>Kestrel:Endpoints</c> in configuration or environment variables, <c>ASPNETCORE_URLS</c>, code). When one of them
/// is not loopback and the app runs without an API key or without the rate limit, the server is stopped and start-up
/// fails with <see cref="InsecureListenException"/>. Requests that arrive between binding and the check wait for it
/// and are never served when it fails.
/// </summary>
internal sealed class ListenGuardServer(IServer inner, AppliedSecurity applied) : IServer
{
    public IFeatureCollection Features => inner.Features;

    public async Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull
    {
        var gated = new GatedApplication<TContext>(application);
        await inner.StartAsync(gated, cancellationToken).ConfigureAwait(false);
        var bound = inner.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
        var problem = ListenAddresses.Refusal(bound, applied, bound: true);
        if (problem is not null)
        {
            gated.Refuse();
            await inner.StopAsync(cancellationToken).ConfigureAwait(false);
            throw new InsecureListenException(problem);
        }
        gated.Open();
    }

    public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

    public void Dispose() => inner.Dispose();

    /// <summary>Holds every request until the bound addresses are checked.</summary>
    private sealed class GatedApplication<TContext>(IHttpApplication<TContext> inner) : IHttpApplication<TContext> where TContext : notnull
    {
        private readonly TaskCompletionSource<bool> _checked = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _checked.TrySetResult(true);

        public void Refuse() => _checked.TrySetResult(false);

        public TContext CreateContext(IFeatureCollection contextFeatures) => inner.CreateContext(contextFeatures);

        public Task ProcessRequestAsync(TContext context) =>
            _checked.Task.IsCompletedSuccessfully && _checked.Task.Result ? inner.ProcessRequestAsync(context) : ProcessAfterCheckAsync(context);

        private async Task ProcessAfterCheckAsync(TContext context)
        {
            if (!await _checked.Task.ConfigureAwait(false))
            {
                throw new InsecureListenException("The server refused to serve: it is bound to a non-loopback address without protection.");
            }
            await inner.ProcessRequestAsync(context).ConfigureAwait(false);
        }

        public void DisposeContext(TContext context, Exception? exception) => inner.DisposeContext(context, exception);
    }
}
