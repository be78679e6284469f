namespace Longview.Core.Items;

/// <summary>Why one item of a batch was refused: its position, its id when it could be read, the field and the reason.</summary>
public sealed record ItemError(int Index, string? ItemId, string Field, string Reason)
{
    public override string ToString() =>
        $"item {Index}{(ItemId is null ? "" : $" ({ItemId})")}: {Field}: {Reason}";
}
