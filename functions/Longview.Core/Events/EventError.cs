namespace Longview.Core.Events;

/// <summary>Why one event of a batch was refused: its position, its id when it could be read, the field and the reason.</summary>
public sealed record EventError(int Index, string? EventId, string Field, string Reason)
{
    public override string ToString() =>
        $"event {Index}{(EventId is null ? "" : $" ({EventId})")}: {Field}: {Reason}";
}
