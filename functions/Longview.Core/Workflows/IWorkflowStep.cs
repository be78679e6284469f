namespace Longview.Core.Workflows;

/// <summary>One named step (activity) of a workflow: the only place where a workflow touches the outside world.</summary>
public interface IWorkflowStep
{
    string Name { get; }
}

/// <summary>A step taking <typeparamref name="TInput"/> and answering <typeparamref name="TOutput"/> (both JSON-serializable for Durable).</summary>
public interface IWorkflowStep<in TInput, TOutput> : IWorkflowStep
{
    Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);
}
