namespace Longview.Infrastructure.Embedded.Folder;

/// <summary>
/// Mutual exclusion per key with a fixed number of locks: two keys may share a stripe (and then wait for each
/// other), but memory stays bounded however many distinct blob names are written.
/// </summary>
internal sealed class StripedAsyncLock : IDisposable
{
    private readonly SemaphoreSlim[] _stripes;

    public StripedAsyncLock(int stripes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stripes, 1);
        _stripes = new SemaphoreSlim[stripes];
        for (var i = 0; i < stripes; i++)
        {
            _stripes[i] = new SemaphoreSlim(1, 1);
        }
    }

    public async ValueTask<Held> EnterAsync(string key, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Held(stripe);
    }

    public void Dispose()
    {
        foreach (var stripe in _stripes)
        {
            stripe.Dispose();
        }
    }

    internal readonly struct Held(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
