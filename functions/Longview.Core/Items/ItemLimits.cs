namespace Longview.Core.Items;

/// <summary>Limits of the item contract; every violation is reported per item, or for the whole body.</summary>
public sealed class ItemLimits
{
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    public int MaxItemsPerBatch { get; set; } = 10_000;

    public int MaxTitleLength { get; set; } = 512;

    public int MaxCategories { get; set; } = 32;

    public int MaxCategoryLength { get; set; } = 64;
}
