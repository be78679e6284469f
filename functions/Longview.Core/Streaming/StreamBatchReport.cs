namespace Longview.Core.Streaming;

/// <summary>
/// What became of one stream batch. Every readable event is counted once: accepted, duplicate, rejected (invalid or
/// refused by aggregation) or failed (the store still failed after the retries). Rejected and failed events, and
/// unreadable messages, are all in <see cref="DeadLetters"/>.
/// </summary>
public sealed record StreamBatchReport(
    int Messages,
    int Accepted,
    int Duplicates,
    int Rejected,
    int Failed,
    int UnreadableMessages,
    int DeadLetters);
