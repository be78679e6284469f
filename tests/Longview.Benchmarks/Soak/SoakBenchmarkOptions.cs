using System.Globalization;

namespace Longview.Benchmarks.Soak;

/// <summary><c>soak [--minutes M] [--interval S] [--clients N] [--users N] [--event-share P] [--batch N] [--large-allocations]</c>.</summary>
internal sealed record SoakBenchmarkOptions(double Minutes, int IntervalSeconds, int Clients, int Users, double EventShare, int EventsPerBatch, bool LargeAllocations = false)
{
    public static SoakBenchmarkOptions Parse(string[] args)
    {
        var options = new SoakBenchmarkOptions(Minutes: 3, IntervalSeconds: 10, Clients: 8, Users: 2_000, EventShare: 0.2, EventsPerBatch: 20);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--large-allocations")
            {
                options = options with { LargeAllocations = true };
                continue;
            }
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--minutes" => options with { Minutes = double.Parse(value, CultureInfo.InvariantCulture) },
                "--interval" => options with { IntervalSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--clients" => options with { Clients = int.Parse(value, CultureInfo.InvariantCulture) },
                "--users" => options with { Users = int.Parse(value, CultureInfo.InvariantCulture) },
                "--event-share" => options with { EventShare = double.Parse(value, CultureInfo.InvariantCulture) },
                "--batch" => options with { EventsPerBatch = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option '{args[i]}'; soak takes --minutes M, --interval S, --clients N, --users N, --event-share P (0..1), --batch N, --large-allocations"),
            };
            i++;
        }
        if (options.Minutes is <= 0 or > 120 || options.IntervalSeconds is < 1 or > 600 || options.Clients is < 1 or > 256
            || options.Users < 1 || options.EventShare is < 0 or > 1 || options.EventsPerBatch is < 1 or > 10_000)
        {
            throw new ArgumentException("soak: --minutes 0..120, --interval 1..600, --clients 1..256, --users >= 1, --event-share 0..1, --batch 1..10000");
        }
        return options;
    }
}
