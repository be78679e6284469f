using System.Text.Json.Serialization;

namespace Longview.Core.Outcomes;

/// <summary>
/// Sums over a group of lists (or of list positions) and the rates read from them. Lists and impressions differ: a
/// list of ten items is one list and ten impressions; CTR is clicks per impression, conversion is lists with a purchase
/// per list, value is purchase value per list.
/// </summary>
public sealed class OutcomeTotals
{
    [JsonInclude]
    public long Lists { get; private set; }

    [JsonInclude]
    public long Impressions { get; private set; }

    [JsonInclude]
    public long Clicks { get; private set; }

    [JsonInclude]
    public long ClickedLists { get; private set; }

    [JsonInclude]
    public long Purchases { get; private set; }

    [JsonInclude]
    public long ConvertedLists { get; private set; }

    [JsonInclude]
    public double Value { get; private set; }

    [JsonInclude]
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

    /// <summary>Adds another group's sums (a stored day's totals into a range's): every rate is read from the sums.</summary>
    public void Add(OutcomeTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Lists += other.Lists;
        Impressions += other.Impressions;
        Clicks += other.Clicks;
        ClickedLists += other.ClickedLists;
        Purchases += other.Purchases;
        ConvertedLists += other.ConvertedLists;
        Value += other.Value;
        ReturnedLists += other.ReturnedLists;
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
