namespace Longview.Core.Simulation.ClosedLoop;

/// <summary>The population and horizon of one closed-loop run.</summary>
public sealed class ClosedLoopOptions
{
    public const int MaxUsers = 100_000;
    public const int MaxDays = 365;

    public int Users { get; set; } = 1_000;

    /// <summary>Simulated days; retention is read as of the last one.</summary>
    public int Days { get; set; } = 60;

    /// <summary>Users arrive uniformly over the first this many days (default: half the horizon, so every cohort reaches D30 at 60 days).</summary>
    public int? ArrivalDays { get; set; }

    public int Seed { get; set; } = 1;

    /// <summary>Items per recommended list.</summary>
    public int ListSize { get; set; } = 10;

    /// <summary>Retrain the model every this many simulated days (null: never); needs an <see cref="IModelRetraining"/>.</summary>
    public int? RetrainEveryDays { get; set; }

    /// <summary>First simulated instant (UTC midnight).</summary>
    public DateTimeOffset Start { get; set; } = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public ClosedLoopOptions WithoutRetraining()
    {
        var copy = (ClosedLoopOptions)MemberwiseClone();
        copy.RetrainEveryDays = null;
        return copy;
    }

    public int ArrivalWindow => ArrivalDays ?? Math.Max(1, Days / 2);

    public DateTimeOffset End => Start.AddDays(Days);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Users is < 1 or > MaxUsers)
        {
            problems.Add($"users: {Users} is outside 1..{MaxUsers}");
        }
        if (Days is < 2 or > MaxDays)
        {
            problems.Add($"days: {Days} is outside 2..{MaxDays}");
        }
        if (ArrivalDays is { } arrival && (arrival < 1 || arrival > Days))
        {
            problems.Add($"arrival-days: {arrival} is outside 1..days ({Days})");
        }
        if (RetrainEveryDays is { } every && (every < 1 || every >= Days))
        {
            problems.Add($"retrain-every: {every} is outside 1..days - 1 ({Days - 1})");
        }
        if (ListSize is < 1 or > 100)
        {
            problems.Add($"list-size: {ListSize} is outside 1..100");
        }
        if (Start.Offset != TimeSpan.Zero || Start.TimeOfDay != TimeSpan.Zero)
        {
            problems.Add($"start: {Start:O} must be a UTC midnight");
        }
        return problems;
    }

    public void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid closed-loop options: " + string.Join("; ", problems));
        }
    }
}
