namespace Longview.Core.Outcomes;

/// <summary>
/// What one served list led to within the attribution window: per position whether its item was clicked and what it
/// sold, and whether the user came back on a later day.
/// </summary>
public sealed record ListOutcome(IReadOnlyList<ItemOutcome> Items, bool Returned)
{
    public int Clicks => Items.Count(i => i.Clicked);

    public int Purchases => Items.Sum(i => i.Purchases);

    public double Value => Items.Sum(i => i.Value);
}

/// <summary>The outcome of the item at one position of a list.</summary>
public readonly record struct ItemOutcome(bool Clicked, int Purchases, double Value);
