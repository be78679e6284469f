namespace Longview.Infrastructure.Blob;

/// <summary>Dead-letter settings (configuration section "DeadLetters").</summary>
public sealed class BlobDeadLetterOptions
{
    public const string SectionName = "DeadLetters";

    public string Container { get; set; } = "deadletter";

    /// <summary>Raw payloads longer than this many characters are cut (and marked so); a letter must never be unbounded.</summary>
    public int MaxPayloadChars { get; set; } = 1024 * 1024;

    /// <summary>Letters written at once.</summary>
    public int MaxParallelWrites { get; set; } = 8;
}
