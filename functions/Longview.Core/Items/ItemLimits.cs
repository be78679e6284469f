using System.ComponentModel.DataAnnotations;

namespace Longview.Core.Items;

/// <summary>Limits of the item contract; every violation is reported per item, or for the whole body.</summary>
public sealed class ItemLimits
{
    public const string SectionName = "Longview:Items";

    [Range(1, 256 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    [Range(1, 1_000_000)]

    public int MaxItemsPerBatch { get; set; } = 10_000;

    [Range(1, 65_536)]

    public int MaxTitleLength { get; set; } = 512;

    [Range(0, 1024)]

    public int MaxCategories { get; set; } = 32;

    [Range(1, 1024)]

    public int MaxCategoryLength { get; set; } = 64;

    /// <summary>Free text for the encoder; it reads about the first 512 tokens, so longer text would only cost storage.</summary>
    public int MaxDescriptionLength { get; set; } = 4_000;

    public int MaxTags { get; set; } = 32;

    public int MaxTagLength { get; set; } = 64;
}
