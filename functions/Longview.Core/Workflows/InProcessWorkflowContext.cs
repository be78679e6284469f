namespace Longview.Core.Workflows;

/// <summary>
/// Runs a workflow inside the current process: steps are called directly, timers are <see cref="TimeProvider"/>
/// delays, a step's <see cref="StepRetry"/> waits on the same clock between attempts, and cancellation ends the run at
/// the next step or timer. Nothing is replayed, so <see cref="NewGuid"/> is simply a fresh GUID.
/// </summary>
public sealed class InProcessWorkflowContext : IWorkflowContext
{
    private readonly Dictionary<string, IWorkflowStep> _steps;
    private readonly TimeProvider _time;
    private readonly CancellationToken _cancellationToken;

    public InProcessWorkflowContext(IEnumerable<IWorkflowStep> steps, TimeProvider time, CancellationToken cancellationToken = default)
    {
        _steps = new Dictionary<string, IWorkflowStep>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            if (!_steps.TryAdd(step.Name, step))
            {
                throw new ArgumentException($"two workflow steps are named '{step.Name}'", nameof(steps));
            }
        }

        _time = time;
        _cancellationToken = cancellationToken;
    }

    public DateTimeOffset UtcNow => _time.GetUtcNow();

    public async Task<TOutput> CallAsync<TInput, TOutput>(string step, TInput input, StepRetry? retry = null)
    {
        var typed = Find<TInput, TOutput>(step);
        for (var attempt = 1; ; attempt++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await StepSpans.RunAsync(typed, input, _cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && retry is not null && attempt < retry.MaxAttempts)
            {
                await Task.Delay(retry.DelayAfter(attempt), _time, _cancellationToken);
            }
        }
    }

    private IWorkflowStep<TInput, TOutput> Find<TInput, TOutput>(string step)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (!_steps.TryGetValue(step, out var registered))
        {
            throw new InvalidOperationException($"no workflow step named '{step}' is registered");
        }

        if (registered is not IWorkflowStep<TInput, TOutput> typed)
        {
            throw new InvalidOperationException($"workflow step '{step}' does not take {typeof(TInput).Name} and answer {typeof(TOutput).Name}");
        }

        return typed;
    }

    public Task WaitUntilAsync(DateTimeOffset time)
    {
        var delay = time - _time.GetUtcNow();
        return delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, _time, _cancellationToken);
    }

    public Guid NewGuid() => Guid.NewGuid();
}
