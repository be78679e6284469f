namespace Longview.Core.Streaming;

/// <summary>
/// One message of a stream batch: its text (one event, a JSON array or NDJSON) and an id that stays the same when
/// the stream delivers it again (e.g. hub, partition and sequence number), so its dead letters are written once.
/// </summary>
public sealed record StreamMessage(string Id, string Text);
