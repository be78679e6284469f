namespace Longview.Functions.Hosting;

/// <summary>Serving settings of the Functions app (section <c>Longview:Serving</c>, app settings <c>Longview__Serving__*</c>).</summary>
public sealed class FunctionsServingOptions
{
    public const string SectionName = "Longview:Serving";

    /// <summary>
    /// Log each served list back as <c>impression</c> events through the ingestion service. Off by default here: in
    /// production clients (or the edge) send impressions through Event Hubs, and logging inline costs a Cosmos write per
    /// request. When on, it runs after the list is computed and a failure is logged, never returned.
    /// </summary>
    public bool LogImpressions { get; set; }

    /// <summary>
    /// Seed each instance's popularity table from every stored profile at start-up. Off by default: it reads the whole
    /// profiles container (RU cost per scale-out); popularity then comes from the events this instance ingests.
    /// </summary>
    public bool SeedPopularityFromProfiles { get; set; }
}
