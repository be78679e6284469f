namespace Longview.Core.Semantics;

/// <summary>
/// The text embedding of one item by one encoder. <paramref name="TextHash"/> is <see cref="ItemText.Hash"/> of the text
/// it was computed from: an item whose text changed since has no current embedding until it is encoded again.
/// </summary>
public sealed record ItemEmbedding(string ItemId, string Encoder, string TextHash, float[] Vector, DateTimeOffset ComputedAt);
