using System.Globalization;

namespace Longview.Benchmarks.Serve;

/// <summary>Arguments of <c>./dev bench serve --model DIR [--calls N] [--requests N] [--seconds S] [--clients C[,C...]] [--peer on|off] [--variant NAME=VALUE[,NAME=VALUE...]] [--baseline OTHER/longview.dll] [--only model|http|stages] [--perf on|off] [--fill-lists N] [--floor on|off] [--alternate ROUNDS]</c> (stages: the import and the in-process stage breakdown alone; alternate: the variant or baseline served beside this build, their rows in turn, see <see cref="AlternatedRows"/>).</summary>
internal sealed record ServeBenchmarkOptions(string? Model, int Calls, int Requests, int Seconds, IReadOnlyList<int> Clients, string? Only, bool Peer, IReadOnlyDictionary<string, string>? Variant, string? Baseline, bool Perf = false, int FillLists = 0, bool Floor = true, int Alternate = 0)
{
    public static ServeBenchmarkOptions Parse(string[] args)
    {
        string? model = null, only = null;
        int calls = 5_000, requests = 20_000, seconds = 30;
        IReadOnlyList<int> clients = [2, 3, 4, 8, 16];
        var peer = true;
        var perf = false;
        var floor = true;
        var fill = 0;
        var alternate = 0;
        Dictionary<string, string>? variant = null;
        string? baseline = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--model": model = value; break;
                case "--calls": calls = Positive(args[i], value); break;
                case "--requests": requests = Positive(args[i], value); break;
                case "--seconds": seconds = Positive(args[i], value); break;
                case "--clients": clients = [.. value.Split(',').Select(c => Math.Min(Positive(args[i], c), MaxClients))]; break;
                case "--peer": peer = value == "on" || (value == "off" ? false : throw new ArgumentException("--peer takes on or off")); break;
                case "--variant": variant = ParseVariant(value); break;
                case "--fill-lists": fill = Positive(args[i], value); break;
                case "--alternate": alternate = Positive(args[i], value); break;
                case "--floor": floor = value == "on" || (value == "off" ? false : throw new ArgumentException("--floor takes on or off")); break;
                case "--perf": perf = value == "on" || (value == "off" ? false : throw new ArgumentException("--perf takes on or off")); break;
                case "--baseline": baseline = File.Exists(value) ? Path.GetFullPath(value) : throw new ArgumentException($"--baseline takes the longview.dll of another build, '{value}' does not exist"); break;
                case "--only": only = value is "model" or "http" or "stages" ? value : throw new ArgumentException("--only takes model, http or stages"); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
            i++;
        }
        if (alternate > 0 && variant is null && baseline is null)
        {
            throw new ArgumentException("--alternate compares this build with a --variant or a --baseline: give one of them");
        }
        return new ServeBenchmarkOptions(model, calls, requests, seconds, clients, only, peer, variant, baseline, perf, fill, floor, alternate);
    }

    private const int MaxClients = 256;

    /// <summary>Environment settings for a second Longview server run in the same benchmark (an A/B of runtime settings).</summary>
    private static Dictionary<string, string> ParseVariant(string value) =>
        value.Split(',').Select(pair => pair.Split('=', 2)).ToDictionary(
            pair => pair.Length == 2 && pair[0].Length > 0 ? pair[0] : throw new ArgumentException($"--variant takes NAME=VALUE pairs, was '{value}'"), pair => pair[1]);

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} must be a positive integer, was '{value}'");
}
