using System.Collections.Immutable;
using System.Globalization;
using Longview.Core.Items;

namespace Longview.Core.Simulation;

/// <summary>Synthetic items with a long-tailed popularity, grouped by category so tastes can pick within one.</summary>
internal sealed class SimulatedCatalog
{
    public static readonly ImmutableArray<string> Categories =
        ["drama", "comedy", "action", "documentary", "sci-fi", "romance", "thriller", "animation", "music", "sport", "cooking", "travel"];

    private static readonly ImmutableArray<string> Adjectives = ["Silent", "Golden", "Last", "Hidden", "Broken", "Bright", "Lost", "Wild", "Little", "Endless"];
    private static readonly ImmutableArray<string> Nouns = ["River", "Summer", "Signal", "Garden", "Harbor", "Machine", "Kingdom", "Road", "Letter", "Voyage"];

    private readonly WeightedChoice _all;
    private readonly WeightedChoice?[] _byCategory;

    public SimulatedCatalog(SimulationOptions options)
    {
        var random = new Random(options.Seed);
        var items = new CatalogItem[options.Items];
        var primary = new int[options.Items];
        var popularity = new double[options.Items];
        var categoryWeights = Enumerable.Range(0, Categories.Length).Select(rank => 1.0 / (rank + 1)).ToArray();
        var categoryChoice = new WeightedChoice(categoryWeights);
        for (var i = 0; i < items.Length; i++)
        {
            primary[i] = categoryChoice.Next(random);
            var categories = new List<string> { Categories[primary[i]] };
            var extra = random.Next(3);
            for (var k = 0; k < extra; k++)
            {
                var c = Categories[random.Next(Categories.Length)];
                if (!categories.Contains(c))
                {
                    categories.Add(c);
                }
            }
            // Zipf-like popularity over a random rank: a few hits, a long tail.
            popularity[i] = 1.0 / Math.Pow(1 + random.Next(options.Items), 0.9);
            var title = string.Create(CultureInfo.InvariantCulture,
                $"{Adjectives[random.Next(Adjectives.Length)]} {Nouns[random.Next(Nouns.Length)]} {i + 1}");
            var createdAt = options.Start.AddDays(-random.Next(365)).AddSeconds(-random.Next(86_400));
            items[i] = new CatalogItem(ItemId(i), title, categories, createdAt);
        }
        Items = items;
        _all = new WeightedChoice(popularity);
        _byCategory = new WeightedChoice?[Categories.Length];
        for (var c = 0; c < Categories.Length; c++)
        {
            var members = Enumerable.Range(0, items.Length).Where(i => primary[i] == c).ToArray();
            _byCategory[c] = members.Length == 0 ? null : new WeightedChoice(members.Select(i => popularity[i]).ToArray(), members);
        }
        PrimaryCategory = primary;
    }

    public IReadOnlyList<CatalogItem> Items { get; }

    public IReadOnlyList<int> PrimaryCategory { get; }

    public static string ItemId(int index) => string.Create(CultureInfo.InvariantCulture, $"item-{index + 1:D5}");

    public int PopularItem(Random random) => _all.Next(random);

    /// <summary>A popular item of the category, or any popular item when the category is empty.</summary>
    public int ItemIn(int category, Random random) => _byCategory[category]?.Next(random) ?? _all.Next(random);
}
