namespace Longview.Functions.Tests.EventHubs;

/// <summary>What a store call does under a fault plan.</summary>
internal enum Fault
{
    /// <summary>The call goes through.</summary>
    None,

    /// <summary>The call fails before it reaches the store (throttled, unavailable).</summary>
    Before,

    /// <summary>The call reaches the store and its answer is lost (a timeout after the write landed).</summary>
    After,
}
