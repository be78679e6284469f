using System.Globalization;

namespace Longview.Benchmarks.Ingest;

/// <summary><c>ingest [--batch N] [--limit N] [--data folder]</c>.</summary>
internal sealed record IngestBenchmarkOptions(int BatchSize, int Limit, string? DataFolder)
{
    public static IngestBenchmarkOptions Parse(string[] args)
    {
        var batch = 5_000;
        var limit = int.MaxValue;
        string? data = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--batch": batch = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--limit": limit = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--data": data = args[++i]; break;
                default: throw new ArgumentException($"unknown option '{args[i]}'; ingest takes --batch N, --limit N, --data folder");
            }
        }
        return new IngestBenchmarkOptions(batch, limit, data);
    }
}
