namespace Longview.Core.Serving.Popularity;

/// <summary>A popularity table that never changes: historical datasets (evaluation) and simulations (every arm the same).</summary>
public sealed class FixedPopularitySource(PopularityTable table) : IPopularitySource
{
    public PopularityTable Current => table;
}
