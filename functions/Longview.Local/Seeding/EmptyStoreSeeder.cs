using Longview.Core.Ports;
using Longview.Core.Simulation;
using Longview.Local.Simulation;

namespace Longview.Local.Seeding;

/// <summary>Gives an empty store a simulated population (fixed seed) so a newcomer's first <c>serve</c> has data to query.</summary>
public sealed class EmptyStoreSeeder(IItemCatalog catalog, SimulationWriter writer, TimeProvider time, ILogger<EmptyStoreSeeder> logger)
{
    public const int Seed = 42;
    public const int Users = 300;
    public const int Items = 200;
    public const int Days = 60;

    /// <summary>Seeds when the catalogue is empty; returns what was written, or null when the store already had data.</summary>
    public async Task<SimulationSummary?> SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await catalog.CountAsync(cancellationToken) > 0)
        {
            logger.LogInformation("Store already has data; not seeding");
            return null;
        }
        // The period ends at today's UTC midnight so every event is in the past and the retention views are current.
        var today = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var options = new SimulationOptions { Seed = Seed, Users = Users, Items = Items, Days = Days, Start = today.AddDays(-Days) };
        logger.LogInformation(
            "Empty store: seeding it with a simulated population (seed {Seed}, {Users} users, {Items} items, {Days} days from {Start:yyyy-MM-dd})",
            options.Seed, options.Users, options.Items, options.Days, options.Start);
        return await writer.IngestAsync(PopulationSimulator.Generate(options), progress: null, cancellationToken);
    }
}
