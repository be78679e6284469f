namespace Longview.Core.Simulation.ClosedLoop;

/// <summary>Retrains (and, when the pipeline promotes, swaps in) the served model from the store as it is at the simulated time.</summary>
public interface IModelRetraining
{
    Task RetrainAsync(DateTimeOffset at, CancellationToken cancellationToken);
}
