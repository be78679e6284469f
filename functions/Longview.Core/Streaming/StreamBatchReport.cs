namespace Longview.Core.Streaming;

/// <summary>
/// What became of one stream batch. Every readable event is counted once: accepted, duplicate, rejected (invalid or
/// refused by aggregation), failed (the store still failed after the retries) or erased (its user was erased after it:
/// dropped on purpose, never dead-lettered, since a letter would keep the erased user's raw event). Rejected and failed
/// events, and unreadable messages, are all in <see cref="DeadLetters"/>.
/// </summary>
public sealed record StreamBatchReport(
    int Messages,
    int Accepted,
    int Duplicates,
    int Rejected,
    int Failed,
    int UnreadableMessages,
    int DeadLetters,
    int Erased = 0);
