namespace Longview.Core.Simulation;

/// <summary>Size, horizon and seed of a synthetic population. The same options always give the same items and events.</summary>
public sealed record SimulationOptions
{
    public const int MaxUsers = 1_000_000;
    public const int MaxItems = 1_000_000;
    public const int MaxDays = 3_650;

    public int Users { get; init; } = 500;

    public int Items { get; init; } = 300;

    public int Days { get; init; } = 90;

    public int Seed { get; init; } = 42;

    /// <summary>First instant of the simulated period; events fall in [Start, Start + Days).</summary>
    public required DateTimeOffset Start { get; init; }

    public DateTimeOffset End => Start.AddDays(Days);

    /// <summary>Throws with the offending option when a value is out of range.</summary>
    public void Validate()
    {
        Require(Users, 1, MaxUsers, nameof(Users));
        Require(Items, 1, MaxItems, nameof(Items));
        Require(Days, 1, MaxDays, nameof(Days));
    }

    private static void Require(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}");
        }
    }
}
