using System.Globalization;
using Longview.Core.Events;

namespace Longview.Core.Simulation;

/// <summary>
/// Generates a realistic synthetic population: heterogeneous (power-law) activity, churn at varying hazards,
/// sessions that start with <c>session_start</c>, impressions of popular items, and views, clicks, purchases and
/// ratings driven by each user's category tastes. Pure and seeded: the same options give the same events.
/// </summary>
public static class PopulationSimulator
{
    private const int ImpressionsPerSession = 6;

    public static SimulatedPopulation Generate(SimulationOptions options)
    {
        options.Validate();
        var catalog = new SimulatedCatalog(options);
        return new SimulatedPopulation(catalog.Items, Events(options, catalog));
    }

    public static string UserId(int index) => string.Create(CultureInfo.InvariantCulture, $"user-{index + 1:D5}");

    private static IEnumerable<UserEvent> Events(SimulationOptions options, SimulatedCatalog catalog)
    {
        for (var u = 0; u < options.Users; u++)
        {
            foreach (var e in UserEvents(options, catalog, u))
            {
                yield return e;
            }
        }
    }

    private static IEnumerable<UserEvent> UserEvents(SimulationOptions options, SimulatedCatalog catalog, int userIndex)
    {
        // One generator per user keeps each user's history independent of how many users come before.
        var random = new Random(UserSeed(options.Seed, userIndex));
        var traits = UserTraits.Draw(random, options.Days, SimulatedCatalog.Categories.Length);
        var session = new SessionWriter(options.Seed, UserId(userIndex), userIndex);
        for (var day = traits.SignupDay; day < options.Days; day++)
        {
            // The first day is the signup visit; afterwards the user comes back with their own probability.
            if (day == traits.SignupDay || random.NextDouble() < traits.VisitProbability)
            {
                var sessions = 1 + (traits.Heavy && random.NextDouble() < 0.4 ? random.Next(1, 3) : 0);
                for (var s = 0; s < sessions; s++)
                {
                    var hour = Math.Clamp(traits.PreferredHour + random.Next(-6, 4) - s * 3, 0, 23);
                    var start = options.Start.AddDays(day).AddHours(hour).AddSeconds(random.Next(3_600));
                    foreach (var e in Session(session, start, options.End, traits, catalog, random))
                    {
                        yield return e;
                    }
                }
            }
            if (random.NextDouble() < traits.DailyChurnHazard)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// SplitMix64 of (seed, user): stable across processes and runtimes, unlike <see cref="HashCode"/>, which is
    /// randomized per process and would make the "same seed, same events" promise hold only within one run.
    /// </summary>
    internal static int UserSeed(int seed, int userIndex) => SimulationSeeds.ForUser(seed, userIndex);

    private static IEnumerable<UserEvent> Session(
        SessionWriter writer, DateTimeOffset start, DateTimeOffset end, UserTraits traits, SimulatedCatalog catalog, Random random)
    {
        var events = new List<UserEvent> { writer.SessionStart(start) };
        var clock = start;
        var recommendationId = writer.NextRecommendationId();
        for (var i = 0; i < ImpressionsPerSession; i++)
        {
            // Half the slate is the global hits, half follows the user's tastes (a plausible recommender).
            var item = i % 2 == 0 ? catalog.PopularItem(random) : catalog.ItemIn(traits.FavouriteCategory(random), random);
            clock = clock.AddSeconds(1 + random.Next(5));
            events.Add(writer.Item(EventType.Impression, item, clock, null, recommendationId));
            Engage(writer, events, ref clock, item, traits.Taste[catalog.PrimaryCategory[item]], random, recommendationId);
        }
        var browsing = random.Next(traits.Heavy ? 6 : 3);
        for (var i = 0; i < browsing; i++)
        {
            var item = catalog.ItemIn(traits.FavouriteCategory(random), random);
            Engage(writer, events, ref clock, item, traits.Taste[catalog.PrimaryCategory[item]], random, null);
        }
        return events.Where(e => e.Timestamp < end);
    }

    private static void Engage(
        SessionWriter writer, List<UserEvent> events, ref DateTimeOffset clock, int item, double taste, Random random, string? recommendationId)
    {
        // Taste is a share of the user's interest (0..1); liking a category makes every step more likely.
        if (random.NextDouble() >= 0.08 + 0.9 * Math.Sqrt(taste))
        {
            return;
        }
        clock = clock.AddSeconds(5 + random.Next(60));
        var dwell = Math.Round(10 + 600 * taste * random.NextDouble(), 1);
        events.Add(writer.Item(EventType.View, item, clock, dwell, recommendationId));
        if (random.NextDouble() < 0.25 + 0.5 * taste)
        {
            clock = clock.AddSeconds(2 + random.Next(30));
            events.Add(writer.Item(EventType.Click, item, clock, null, recommendationId));
            if (random.NextDouble() < 0.05 + 0.2 * taste)
            {
                clock = clock.AddSeconds(30 + random.Next(300));
                events.Add(writer.Item(EventType.Purchase, item, clock, null, recommendationId));
            }
        }
        if (random.NextDouble() < 0.12)
        {
            clock = clock.AddSeconds(dwell);
            var stars = Math.Clamp(Math.Round(1 + 4 * taste + random.NextDouble() * 2.5), 1, 5);
            events.Add(writer.Item(EventType.Rating, item, clock, stars, recommendationId));
        }
    }
}
