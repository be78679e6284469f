using Longview.Core.Events;
using Longview.Core.Items;

namespace Longview.Api;

/// <summary>One refused entry: its position in the batch, its id when readable, the field at fault and why.</summary>
/// <remarks>Both routes answer the same shape; an event names its id under <c>eventId</c>, an item under <c>itemId</c>.</remarks>
public sealed record RejectedEntry(int Index, string? EventId, string Field, string Error)
{
    public static RejectedEntry From(EventError error) => new(error.Index, error.EventId, error.Field, error.Reason);

    /// <summary>An item's id is its <c>itemId</c>; <see cref="EventId"/> stays null, so it is not written.</summary>
    public string? ItemId { get; init; }

    public static RejectedEntry From(ItemError error) => new(error.Index, null, error.Field, error.Reason) { ItemId = error.ItemId };
}
