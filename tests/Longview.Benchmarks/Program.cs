using Longview.Benchmarks.Champion;
using Longview.Benchmarks.Encode;
using Longview.Benchmarks.Ingest;
using Longview.Benchmarks.Lifecycle;
using Longview.Benchmarks.Retention;
using Longview.Benchmarks.Serve;
using Longview.Benchmarks.Soak;

namespace Longview.Benchmarks;

/// <summary><c>./dev bench &lt;name&gt;</c>: end-to-end throughput benchmarks (see README.md). Timings live here, never in tests.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var name = args.Length > 0 ? args[0] : "";
        var rest = args.Skip(1).ToArray();
        switch (name)
        {
            case "ingest":
                return await IngestBenchmark.RunAsync(IngestBenchmarkOptions.Parse(rest));
            case "serve":
                return await ServeBenchmark.RunAsync(ServeBenchmarkOptions.Parse(rest));
            case "soak":
                return await SoakBenchmark.RunAsync(SoakBenchmarkOptions.Parse(rest));
            case "retention":
                return RetentionBench.Run(rest);
            case "encode":
                return EncodeBenchmark.Run(rest);
            case "text-serve":
                return await TextServingBenchmark.RunAsync(rest);
            case "http-floor":
                // Started by the serve benchmark in its own process (Serve/HttpFloorServer.cs), not a benchmark itself.
                return await HttpFloorServer.RunAsync(rest);
            case "lifecycle":
                return await LifecycleBench.RunAsync(rest);
            case "champion":
                return await ChampionBenchmark.RunAsync(rest);
            default:
                await Console.Error.WriteLineAsync($"unknown benchmark '{name}'; available: ingest, serve, soak, retention, lifecycle, champion, encode, text-serve");
                return 2;
        }
    }
}
