namespace Longview.Core.Outcomes;

/// <summary>
/// Sums over a group of lists (or of list positions) and the rates read from them. Lists and impressions differ: a
/// list of ten items is one list and ten impressions; CTR is clicks per impression, conversion is lists with a purchase
/// per list, value is purchase value per list.
/// </summary>
public sealed class OutcomeTotals
{
    public long Lists { get; private set; }

    public long Impressions { get; private set; }

    public long Clicks { get; private set; }

    public long ClickedLists { get; private set; }

    public long Purchases { get; private set; }

    public long ConvertedLists { get; private set; }

    public double Value { get; private set; }

    public long ReturnedLists { get; private set; }

    public double? Ctr => Impressions == 0 ? null : (double)Clicks / Impressions;

    public double? ListCtr => Lists == 0 ? null : (double)ClickedLists / Lists;

    public double? Conversion => Lists == 0 ? null : (double)ConvertedLists / Lists;

    public double? ValuePerList => Lists == 0 ? null : Value / Lists;

    public double? ReturnRate => Lists == 0 ? null : (double)ReturnedLists / Lists;

    public void AddList(ListOutcome outcome)
    {
        Lists++;
        Impressions += outcome.Items.Count;
        var clicks = outcome.Clicks;
        var purchases = outcome.Purchases;
        Clicks += clicks;
        ClickedLists += clicks > 0 ? 1 : 0;
        Purchases += purchases;
        ConvertedLists += purchases > 0 ? 1 : 0;
        Value += outcome.Value;
        ReturnedLists += outcome.Returned ? 1 : 0;
    }

    /// <summary>One position of a list: an impression, maybe a click, maybe purchases (lists are not counted).</summary>
    public void AddItem(ItemOutcome item)
    {
        Impressions++;
        Clicks += item.Clicked ? 1 : 0;
        Purchases += item.Purchases;
        Value += item.Value;
    }
}
