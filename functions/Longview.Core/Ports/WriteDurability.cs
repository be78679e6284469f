namespace Longview.Core.Ports;

/// <summary>What a write promises once it returns.</summary>
public enum WriteDurability
{
    /// <summary>On storage that survives a power loss before the call returns: what every answered event batch promises.</summary>
    Durable,

    /// <summary>
    /// The caller accepts losing the write to a power loss or an OS crash (never to a crash of the process alone), as it
    /// already loses what it still holds in memory: the impressions of served lists, queued before they are written. A
    /// store may then return before the disk has it; one that cannot tell the difference writes durably.
    /// </summary>
    BestEffort,
}
