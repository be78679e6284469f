using System.Globalization;

namespace Longview.Benchmarks.Retention;

/// <summary>
/// The options of the benches over a <see cref="SimulatedActivity"/> population (retention, lifecycle):
/// <c>[--users N] [--days D] [--seed S] [--pandas 0|1]</c>; pandas defaults to on where Debian's python3 is.
/// </summary>
internal sealed record PopulationBenchOptions(int Users, int Days, int Seed, bool Pandas)
{
    public DateOnly Start { get; } = new(2024, 1, 1);

    public DateOnly AsOf => Start.AddDays(Days - 1);

    /// <summary>The options, or null after printing the usage of <paramref name="bench"/> for an unknown option.</summary>
    public static PopulationBenchOptions? Parse(string[] args, string bench)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new PopulationBenchOptions(1_000_000, 180, 42, File.Exists(PandasBaseline.Python));
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--users": options = options with { Users = value }; break;
                case "--days": options = options with { Days = value }; break;
                case "--seed": options = options with { Seed = value }; break;
                case "--pandas": options = options with { Pandas = value != 0 }; break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}; usage: {bench} [--users N] [--days D] [--seed S] [--pandas 0|1]");
                    return null;
            }
        }
        return options;
    }
}
