namespace Longview.Core.Batches;

/// <summary>One element of a batch body: its 0-based position in the batch and its UTF-8 JSON text.</summary>
public readonly record struct BatchElement(int Index, ReadOnlyMemory<byte> Json);

/// <summary>A value read from a batch element, with the element's position so later stages can report on it.</summary>
public readonly record struct Indexed<T>(int Index, T Value);
