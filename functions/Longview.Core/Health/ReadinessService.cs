using Microsoft.Extensions.Options;

namespace Longview.Core.Health;

/// <summary>
/// Runs every <see cref="IReadinessCheck"/> at once and reports the worst. Invariant: each check ends as exactly one
/// component line, within the timeout, whatever it throws.
/// </summary>
public sealed class ReadinessService(IEnumerable<IReadinessCheck> checks, IOptions<ReadinessOptions> options, TimeProvider time)
{
    private readonly IReadinessCheck[] _checks = checks.ToArray();

    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(_checks.Select(check => RunAsync(check, cancellationToken))).ConfigureAwait(false);
        return ReadinessReport.Of(results);
    }

    private async Task<ComponentReadiness> RunAsync(IReadinessCheck check, CancellationToken cancellationToken)
    {
        var timeout = options.Value.CheckTimeout;
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await check.CheckAsync(linked.Token).WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && deadline.IsCancellationRequested))
        {
            return new ComponentReadiness(check.Component, check.WhenFailing, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ComponentReadiness(check.Component, check.WhenFailing, $"check failed: {e.GetType().Name}: {e.Message}");
        }
    }
}
