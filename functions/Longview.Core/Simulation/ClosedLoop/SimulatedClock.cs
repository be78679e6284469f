namespace Longview.Core.Simulation.ClosedLoop;

/// <summary>The simulated time every service in a run reads; only the loop moves it, and only forward.</summary>
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void AdvanceTo(DateTimeOffset at)
    {
        if (at > Now)
        {
            Now = at;
        }
    }
}
