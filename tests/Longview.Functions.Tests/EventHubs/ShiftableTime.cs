namespace Longview.Functions.Tests.EventHubs;

/// <summary>Wall-clock time that a test can move forward (a redelivery on a later day); timers are the system's.</summary>
internal sealed class ShiftableTime : TimeProvider
{
    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
}
