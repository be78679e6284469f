namespace Longview.Functions.Tests.Http;

/// <summary>One of the two hosts of the /api surface, driven through HTTP messages so that one suite asserts both.</summary>
public interface IApiHost : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Whether the host's own router can reach ids "." and ".." (sent as %2E segments); the Functions host normalises them away before the worker sees the request.</summary>
    bool RoutesDotSegmentIds { get; }

    /// <summary>The host's services, for arranging state the API cannot create on demand (a stored report, past training runs, a lifecycle job run).</summary>
    IServiceProvider Services { get; }

    Task<HttpResponseMessage> SendAsync(HttpRequestMessage request);
}
