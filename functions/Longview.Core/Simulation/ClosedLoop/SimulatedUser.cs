namespace Longview.Core.Simulation.ClosedLoop;

/// <summary>One simulated user's hidden state: taste, class, base return rate, own generator and what they consumed and saw.</summary>
internal sealed class SimulatedUser
{
    public SimulatedUser(int index, string userId, Random random, SessionWriter writer, double[] taste, bool heavy, double baseRate, DateTimeOffset arrival)
    {
        Index = index;
        UserId = userId;
        Random = random;
        Writer = writer;
        Taste = taste;
        TasteMax = taste.Max();
        Heavy = heavy;
        BaseRate = baseRate;
        Arrival = arrival;
    }

    public int Index { get; }

    public string UserId { get; }

    public Random Random { get; }

    public SessionWriter Writer { get; }

    public double[] Taste { get; }

    public double TasteMax { get; }

    public bool Heavy { get; }

    /// <summary>Returns per day before satisfaction and boredom act on it.</summary>
    public double BaseRate { get; }

    public DateTimeOffset Arrival { get; }

    public HashSet<string> Consumed { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> Shown { get; } = new(StringComparer.Ordinal);

    /// <summary>Genres of the most recently consumed items, oldest first (bounded by NoveltyMemory).</summary>
    public Queue<int[]> RecentGenres { get; } = new();

    public HashSet<int> GenresConsumed { get; } = [];

    public int Sessions { get; set; }

    public int Requests { get; set; }

    public int Impressions { get; set; }

    public bool Churned { get; set; }

    /// <summary>Relevance of an item to this user's taste: the share of their favourite genre among its genres, scaled to 0..1.</summary>
    public double RelevanceOf(int[] genres)
    {
        var best = 0.0;
        foreach (var g in genres)
        {
            best = Math.Max(best, Taste[g]);
        }
        return TasteMax > 0 ? best / TasteMax : 0;
    }
}
