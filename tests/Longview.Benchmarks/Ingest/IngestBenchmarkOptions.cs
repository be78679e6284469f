using System.Globalization;
using Longview.Infrastructure.Embedded;

namespace Longview.Benchmarks.Ingest;

/// <summary><c>ingest [--batch N] [--limit N] [--data folder] [--store sqlite|cosmos-emulator] [--synchronous full|normal]</c>.</summary>
internal sealed record IngestBenchmarkOptions(int BatchSize, int Limit, string? DataFolder, string Store = IngestBenchmarkOptions.Sqlite,
    SqliteSynchronous Synchronous = SqliteSynchronous.Full)
{
    public const string Sqlite = "sqlite";

    /// <summary>Profiles and items in the Cosmos emulator that ./dev bench starts (tests/emulators).</summary>
    public const string CosmosEmulator = "cosmos-emulator";

    public static IngestBenchmarkOptions Parse(string[] args)
    {
        var store = Sqlite;
        var batch = 5_000;
        var limit = int.MaxValue;
        string? data = null;
        var synchronous = SqliteSynchronous.Full;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--batch": batch = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--limit": limit = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--data": data = args[++i]; break;
                case "--store":
                    store = args[++i];
                    if (store is not (Sqlite or CosmosEmulator))
                    {
                        throw new ArgumentException($"unknown store '{store}'; --store takes {Sqlite} or {CosmosEmulator}");
                    }
                    break;
                case "--synchronous":
                    synchronous = args[++i] switch
                    {
                        "full" => SqliteSynchronous.Full,
                        "normal" => SqliteSynchronous.Normal,
                        var other => throw new ArgumentException($"unknown --synchronous '{other}'; it takes full (the default) or normal"),
                    };
                    break;
                default: throw new ArgumentException($"unknown option '{args[i]}'; ingest takes --batch N, --limit N, --data folder, --store {Sqlite}|{CosmosEmulator}, --synchronous full|normal");
            }
        }
        return new IngestBenchmarkOptions(batch, limit, data, store, synchronous);
    }
}
