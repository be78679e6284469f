using Longview.Core.Events;
using Longview.Core.Items;

namespace Longview.Api;

/// <summary>One refused entry: its position in the batch, its id when readable, the field at fault and why.</summary>
/// <remarks>For items, <see cref="EventId"/> carries the itemId: DESIGN.md gives both routes the same answer shape.</remarks>
public sealed record RejectedEntry(int Index, string? EventId, string Field, string Error)
{
    public static RejectedEntry From(EventError error) => new(error.Index, error.EventId, error.Field, error.Reason);

    public static RejectedEntry From(ItemError error) => new(error.Index, error.ItemId, error.Field, error.Reason);
}
