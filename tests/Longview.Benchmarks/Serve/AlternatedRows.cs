using System.Globalization;

namespace Longview.Benchmarks.Serve;

/// <summary>
/// Two servers measured in turn rather than one after the other (<c>--alternate N</c>). On this shared VM the same
/// build's CPU per request moved by ±15 % from one minute to the next and by 30-60 % in slow spells, so a variant
/// measured minutes after its base often differed by more than any change being judged (issue 18, eighth pass: pairs
/// of one build against its previous settings ranged from −33 % to +54 %). Here both servers run at once, each from its
/// own copy of the start folder; each round takes every client row of A and of B back to back, A first in odd rounds
/// and B first in even ones, so a slowdown that spans a pair lands on both and a steady drift cancels over two rounds.
/// What is compared is the ratio B / A of each pair, never figures from different minutes. The idle server's own
/// background work (the impression writer's last commit, timers) runs during the other's rows; it is the same for both.
/// </summary>
internal static class AlternatedRows
{
    public sealed record Pair(int Round, int Clients, HttpLoad.Level A, HttpLoad.Level B)
    {
        public double CpuRatio => B.ServerCpuMsPerRequest / A.ServerCpuMsPerRequest;
    }

    public static async Task<IReadOnlyList<Pair>> RunAsync(ServerProcess a, ServerProcess b, IReadOnlyList<string> users, ServeBenchmarkOptions options)
    {
        var most = options.Clients.Max();
        using var handlerA = new SocketsHttpHandler { MaxConnectionsPerServer = most, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
        using var handlerB = new SocketsHttpHandler { MaxConnectionsPerServer = most, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
        using var httpA = new HttpClient(handlerA) { BaseAddress = a.Address };
        using var httpB = new HttpClient(handlerB) { BaseAddress = b.Address };
        await HttpLoad.WarmUpAsync(httpA, users, most, a.Cpu);
        await HttpLoad.WarmUpAsync(httpB, users, most, b.Cpu);
        var maxTime = TimeSpan.FromSeconds(options.Seconds);
        var pairs = new List<Pair>();
        for (var round = 1; round <= options.Alternate; round++)
        {
            foreach (var clients in options.Clients)
            {
                HttpLoad.Level rowA, rowB;
                if (round % 2 == 1)
                {
                    rowA = await HttpLoad.TimedAsync(httpA, users, clients, options.Requests, maxTime, a.Cpu);
                    rowB = await HttpLoad.TimedAsync(httpB, users, clients, options.Requests, maxTime, b.Cpu);
                }
                else
                {
                    rowB = await HttpLoad.TimedAsync(httpB, users, clients, options.Requests, maxTime, b.Cpu);
                    rowA = await HttpLoad.TimedAsync(httpA, users, clients, options.Requests, maxTime, a.Cpu);
                }
                pairs.Add(new Pair(round, clients, rowA, rowB));
            }
        }
        return pairs;
    }

    /// <summary>Each pair, then per client count the median of the pairs' ratios, their range and how many favoured B.</summary>
    public static void Print(IReadOnlyList<Pair> pairs, string labelA, string labelB)
    {
        Console.WriteLine($"  alternated rows: A = {labelA}, B = {labelB}; {pairs.Count} pairs, each pair's rows back to back (A first in odd rounds, B first in even ones)");
        Console.WriteLine("    round  clients  A CPU ms/req  B CPU ms/req    B / A  A p99 ms  B p99 ms  A req/s  B req/s  not 200");
        foreach (var p in pairs)
        {
            Console.WriteLine($"    {p.Round,5}  {p.Clients,7}  {p.A.ServerCpuMsPerRequest,12:F3}  {p.B.ServerCpuMsPerRequest,12:F3}  {Signed(p.CpuRatio),7}  {p.A.P99,8:F2}  {p.B.P99,8:F2}  {p.A.RequestsPerSecond,7:N0}  {p.B.RequestsPerSecond,7:N0}  {p.A.Errors + p.B.Errors,7}");
        }
        foreach (var group in pairs.GroupBy(p => p.Clients))
        {
            var ratios = group.Select(p => p.CpuRatio).Order().ToArray();
            var p99 = group.Select(p => p.B.P99 / p.A.P99).Order().ToArray();
            Console.WriteLine($"    {group.Key} clients: B's CPU per request {Signed(Median(ratios))} of A's (median of {ratios.Length} pairs; {Signed(ratios[0])} to {Signed(ratios[^1])}), " +
                $"lower in {ratios.Count(r => r < 1)} of {ratios.Length}; B's p99 {Signed(Median(p99))} of A's (median), lower in {p99.Count(r => r < 1)} of {p99.Length}");
        }
    }

    internal static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    /// <summary>A ratio as a signed percentage change: 0.87 is "−13 %".</summary>
    internal static string Signed(double ratio) =>
        double.IsFinite(ratio) ? ((ratio - 1) * 100).ToString("+0;−0;0", CultureInfo.InvariantCulture) + " %" : "n/a";
}
