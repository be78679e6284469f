namespace Longview.Functions.Tests.EventHubs;

/// <summary>
/// The fault of each successive store call (call numbers start at 1); by default every call goes through. Thread-safe
/// (the dead-letter sink writes in parallel). <see cref="OnCall"/> runs before each call with its number: tests cancel
/// the invocation from it at a chosen point.
/// </summary>
internal sealed class FaultPlan(Func<int, Fault> faultOfCall)
{
    private readonly Lock _lock = new();
    private int _calls;
    private int _faults;

    public FaultPlan()
        : this(_ => Fault.None)
    {
    }

    /// <summary>Calls 1..n fail as listed, later ones go through.</summary>
    public FaultPlan(params Fault[] faults)
        : this(call => call <= faults.Length ? faults[call - 1] : Fault.None)
    {
    }

    public Action<int>? OnCall { get; set; }

    public int FaultsInjected
    {
        get
        {
            lock (_lock)
            {
                return _faults;
            }
        }
    }

    public static FaultPlan FailFirst(int calls, Fault fault = Fault.Before) => new(call => call <= calls ? fault : Fault.None);

    public Fault Next()
    {
        int call;
        lock (_lock)
        {
            call = ++_calls;
        }
        OnCall?.Invoke(call);
        var fault = faultOfCall(call);
        if (fault != Fault.None)
        {
            lock (_lock)
            {
                _faults++;
            }
        }
        return fault;
    }
}
