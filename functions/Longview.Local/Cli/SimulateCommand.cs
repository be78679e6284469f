using System.CommandLine;
using Longview.Core.Simulation;
using Longview.Local.Simulation;
using Spectre.Console;

namespace Longview.Local.Cli;

internal static class SimulateCommand
{
    public static Command Create()
    {
        var users = new Option<int>("--users") { Description = "Synthetic users.", DefaultValueFactory = _ => 500 };
        var items = new Option<int>("--items") { Description = "Synthetic items.", DefaultValueFactory = _ => 300 };
        var days = new Option<int>("--days") { Description = "Days of activity, ending at today's UTC midnight (or --start + days).", DefaultValueFactory = _ => 90 };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed and start give the same events.", DefaultValueFactory = _ => 42 };
        var start = new Option<DateTimeOffset?>("--start") { Description = "First day of the period (ISO-8601); default: today's UTC midnight minus --days." };
        var output = new Option<string?>("--out") { Description = "Write events as NDJSON to this file (and items to *.items.json beside it) instead of ingesting them." };
        var data = CommonOptions.Data();
        var command = new Command("simulate", "Generate a synthetic population (power-law activity, churn, taste-driven sessions) and ingest it or write it to NDJSON.")
        {
            users, items, days, seed, start, output, data,
        };
        command.SetAction(async (parse, ct) =>
        {
            var dayCount = parse.GetValue(days);
            var today = new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
            var options = new SimulationOptions
            {
                Users = parse.GetValue(users),
                Items = parse.GetValue(items),
                Days = dayCount,
                Seed = parse.GetValue(seed),
                Start = parse.GetValue(start) ?? today.AddDays(-dayCount),
            };
            options.Validate();
            var population = PopulationSimulator.Generate(options);
            await using var services = CliServices.Create(Path.GetFullPath(parse.GetValue(data)!));
            var writer = services.GetRequiredService<SimulationWriter>();
            var summary = parse.GetValue(output) is { } path
                ? await writer.WriteNdjsonAsync(population, path, ct)
                : await AnsiConsole.Status().StartAsync("simulating", async status =>
                    await writer.IngestAsync(population, new Progress<long>(n => status.Status($"ingested {n:N0} events")), ct));
            AnsiConsole.MarkupLine(
                $"[green]Simulated[/] {options.Users:N0} users, {summary.Items:N0} items, {summary.Events:N0} events over {options.Days} days from {options.Start:yyyy-MM-dd} (seed {options.Seed})" +
                (summary.Accepted + summary.Duplicates + summary.Rejected > 0
                    ? $": {summary.Accepted:N0} accepted, {summary.Duplicates:N0} duplicates, {summary.Rejected:N0} rejected"
                    : "") +
                $" in {summary.Elapsed.TotalSeconds:F1}s");
            return 0;
        });
        return command;
    }
}
