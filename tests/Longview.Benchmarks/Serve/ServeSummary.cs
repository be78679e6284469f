namespace Longview.Benchmarks.Serve;

/// <summary>
/// The issue 18 figures of one <c>./dev bench serve</c> run, printed together at the end so a rerun on another machine
/// reads them in one place: model-only CPU per call, the server's CPU per request and their ratio per client row, the
/// p99 of the 2- and 4-client rows, the 200-item model row against PyTorch eager, and the throughput against the
/// Python peer at equal p99, and the HTTP floor under the same load. Targets are judged here, never in tests.
/// </summary>
internal sealed class ServeSummary
{
    private const double MaxCpuRatio = 2;
    private const double MinEagerRatio = 3;
    private const double MaxP99Ms = 5;

    /// <summary>ORT CPU per call over every user's own history (the users the HTTP rows serve).</summary>
    public double? ModelCpuMsPerCall { get; set; }

    /// <summary>ORT's p50 speed-up over PyTorch eager on the 200-item row.</summary>
    public double? LongRowEagerRatio { get; set; }

    public IReadOnlyList<HttpLoad.Level>? Longview { get; set; }

    public IReadOnlyList<HttpLoad.Level>? Peer { get; set; }

    /// <summary>The bare ASP.NET Core server answering the same requests with fixed bytes (<see cref="HttpFloorServer"/>).</summary>
    public IReadOnlyList<HttpLoad.Level>? Floor { get; set; }

    public void Print()
    {
        Console.WriteLine($"summary (issue 18 targets; load average {Latencies.LoadAverage()} now):");
        Console.WriteLine(ModelCpuMsPerCall is { } model
            ? $"  model only, every user's own history: {model:F3} ms CPU per call"
            : "  model only: not measured (--only http)");
        Console.WriteLine(LongRowEagerRatio is { } eager
            ? $"  200-item model row: ORT {eager:F1}x faster than PyTorch eager at p50 (target >= {MinEagerRatio}x): {Met(eager >= MinEagerRatio)}"
            : "  200-item model row: not measured");
        foreach (var row in Longview ?? [])
        {
            var ratio = row.CpuRatio(ModelCpuMsPerCall);
            var p99 = row.Clients is 2 or 4 ? $", p99 {row.P99:F2} ms (target < {MaxP99Ms} ms): {Met(row.P99 < MaxP99Ms)}" : $", p99 {row.P99:F2} ms";
            // The model timed around the row judges it; (a)'s figure, minutes earlier, is printed beside it.
            var judgedBy = row.ModelMsPerCall is { } around
                ? $"the model's {around:F3} ms per call timed around the row{(ModelCpuMsPerCall is { } a ? $"; {row.ServerCpuMsPerRequest / a:F2}x (a)'s {a:F3} ms" : "")}"
                : "the model's";
            Console.WriteLine($"  end to end, {row.Clients} clients: {row.ServerCpuMsPerRequest:F3} ms server CPU per request = {ratio:F2}x {judgedBy} (target <= {MaxCpuRatio}x): "
                + $"{(double.IsNaN(ratio) ? "not judged" : Met(ratio <= MaxCpuRatio))}{p99}, {row.RequestsPerSecond:N0} requests/s");
        }
        foreach (var floor in Floor ?? [])
        {
            var row = (Longview ?? []).FirstOrDefault(l => l.Clients == floor.Clients);
            if (ModelCpuMsPerCall is not { } m || row is null)
            {
                Console.WriteLine($"  HTTP floor, {floor.Clients} clients: {floor.ServerCpuMsPerRequest:F3} ms server CPU per request");
                continue;
            }
            // A server that calls the model per request costs at least the floor plus the model: its ratio can be no
            // lower than this, whatever the service does.
            var least = (floor.ServerCpuMsPerRequest + m) / m;
            Console.WriteLine($"  HTTP floor, {floor.Clients} clients: {floor.ServerCpuMsPerRequest:F3} ms server CPU per request; floor + model = {least:F2}x the model "
                + $"({(least <= MaxCpuRatio ? $"the {MaxCpuRatio}x target is above it" : $"the {MaxCpuRatio}x target is below it: no server calling this model per request over this HTTP stack can meet it here")}); "
                + $"Longview's own work above both: {row.ServerCpuMsPerRequest - floor.ServerCpuMsPerRequest - m:F3} ms per request");
        }
        foreach (var p in Peer ?? [])
        {
            var best = (Longview ?? []).Where(l => l.P99 <= p.P99 && l.Errors == 0).MaxBy(l => l.RequestsPerSecond);
            Console.WriteLine(best is null
                ? $"  vs the Python peer at its {p.Clients}-client p99 ({p.P99:F2} ms): no Longview row that fast"
                : $"  vs the Python peer at its {p.Clients}-client p99 ({p.P99:F2} ms): Longview {best.RequestsPerSecond / p.RequestsPerSecond:F1}x its throughput ({best.RequestsPerSecond:N0} vs {p.RequestsPerSecond:N0} requests/s)");
        }
    }

    private static string Met(bool met) => met ? "met" : "NOT met";
}
