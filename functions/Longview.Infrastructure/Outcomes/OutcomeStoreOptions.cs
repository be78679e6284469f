using System.ComponentModel.DataAnnotations;

namespace Longview.Infrastructure.Outcomes;

/// <summary>The Cosmos containers of the list log and the exposure log (section <c>Longview:Outcomes:Cosmos</c>).</summary>
public sealed class OutcomeStoreOptions
{
    public const string SectionName = "Longview:Outcomes:Cosmos";

    /// <summary>Served lists, pk /pk = serving day + "." + one of <see cref="DayPartitions"/> buckets.</summary>
    public string ListsContainer { get; set; } = "lists";

    /// <summary>First exposures, pk /experimentId.</summary>
    public string ExposuresContainer { get; set; } = "exposures";

    /// <summary>
    /// Logical partitions per serving day: a day's writes spread over this many, and a day's scan is this many
    /// single-partition queries (no cross-partition query plan needed).
    /// </summary>
    [Range(1, 1000, ErrorMessage = "must be between 1 and 1000")]
    public int DayPartitions { get; set; } = 16;
}
