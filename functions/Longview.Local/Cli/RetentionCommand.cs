using System.CommandLine;
using System.Globalization;
using Longview.Core.Events;
using Longview.Core.Retention;
using Longview.Core.Retention.Jobs;
using Longview.Local.Retention;

namespace Longview.Local.Cli;

/// <summary>
/// <c>retention --as-of D [--data F] [--run [--from D0]]</c>: the tables as of D from the profiles of a data folder
/// (with --run: the job stores them, backfilling [D0, D]); <c>retention --dataset P --format lastfm|amazon|ml-1m</c>:
/// straight from a raw dataset file. Prints CSV sections (# daily, # monthly, # activity, # segments).
/// </summary>
internal static class RetentionCommand
{
    public static Command Create()
    {
        var asOf = new Option<string?>("--as-of") { Description = "As-of UTC day yyyy-MM-dd (default: yesterday, or the dataset's last day)." };
        var dataset = new Option<string?>("--dataset") { Description = "Raw dataset file or folder: compute from it directly instead of from the stored profiles." };
        var format = new Option<string>("--format") { Description = "Format of --dataset.", DefaultValueFactory = _ => "lastfm" };
        format.AcceptOnlyFromAmong([.. DatasetActivity.Formats]);
        var table = new Option<string>("--table") { Description = "Which table to print.", DefaultValueFactory = _ => "all" };
        table.AcceptOnlyFromAmong("all", "daily", "monthly", "activity", "segments");
        var run = new Option<bool>("--run") { Description = "Run the job: store the reports (reports store + blob copies) instead of only printing." };
        var from = new Option<string?>("--from") { Description = "With --run: backfill every as-of day from this one to --as-of." };
        var data = CommonOptions.Data();
        var command = new Command("retention", "Compute retention tables (daily, monthly, activity, segments) as of a day.") { asOf, dataset, format, table, run, from, data };
        command.SetAction(async (parse, ct) =>
        {
            var asOfDay = CommonOptions.ParseDay(parse.GetValue(asOf), "--as-of");
            await using var services = CliServices.Create(Path.GetFullPath(parse.GetValue(data)!));
            RetentionReports reports;
            if (parse.GetValue(dataset) is { } path)
            {
                reports = FromDataset(CommonOptions.ExistingPath(path, "--dataset"), parse.GetValue(format)!, asOfDay, services);
            }
            else if (parse.GetValue(run))
            {
                var day = asOfDay ?? Yesterday(services);
                var job = services.GetRequiredService<RetentionJob>();
                var fromDay = CommonOptions.ParseDay(parse.GetValue(from), "--from") ?? day;
                var days = await job.BackfillAsync(fromDay, day, ct);
                await Console.Error.WriteLineAsync($"stored retention reports as of {days.Count} day(s): {days[0]:yyyy-MM-dd}..{days[^1]:yyyy-MM-dd}");
                reports = await services.GetRequiredService<RetentionCalculator>().ComputeAsync(day, ct);
            }
            else
            {
                reports = await services.GetRequiredService<RetentionCalculator>().ComputeAsync(asOfDay ?? Yesterday(services), ct);
            }
            Print(reports, parse.GetValue(table)!);
            return 0;
        });
        return command;
    }

    private static RetentionReports FromDataset(string path, string format, DateOnly? asOf, IServiceProvider services)
    {
        var read = DatasetActivity.Read(path, format, services.GetRequiredService<EventLimits>());
        Console.Error.WriteLine($"{read.Users.Count:N0} users, {read.Events:N0} events from {path}; {read.BeforeMinTimestamp:N0} dated before the event contract's MinTimestamp left out, {read.Refused:N0} lines refused{(read.FirstError is null ? "" : $" (first: {read.FirstError})")}");
        if (read.Users.Count == 0)
        {
            throw new CliInputException($"--dataset: no usable events in {path}; check --format ({string.Join(", ", DatasetActivity.Formats)})");
        }
        var day = asOf ?? read.Users.Max(u => u.LastSeenDay);
        var firstSeen = read.Users.Min(u => u.FirstSeenDay);
        // Cover every cohort of the file: the ranges run from its first day to the as-of day.
        var span = Math.Clamp(day.DayNumber - firstSeen.DayNumber + 1, 1, 36_600);
        var job = new RetentionJobOptions
        {
            DailyCohortDays = span,
            CohortMonths = Math.Clamp(((day.Year - firstSeen.Year) * 12) + day.Month - firstSeen.Month + 1, 1, 1_200),
            ActivityDays = Math.Min(span, 365),
        };
        var accumulator = new RetentionAccumulator(services.GetRequiredService<RetentionOptions>(), job, day);
        foreach (var user in read.Users)
        {
            accumulator.Add(user);
        }
        return accumulator.Reports(services.GetRequiredService<TimeProvider>().GetUtcNow());
    }

    private static void Print(RetentionReports reports, string table)
    {
        Console.Out.Write($"# retention as of {reports.AsOf:yyyy-MM-dd}\n");
        foreach (var kind in ReportKinds.Retention)
        {
            if (table == "all" || table == kind.WireName())
            {
                Console.Out.Write($"# {kind.WireName()}\n");
                Console.Out.Write(ReportRows.Csv(kind, ReportRows.Json(reports, kind)));
            }
        }
    }

    private static DateOnly Yesterday(IServiceProvider services) =>
        DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime).AddDays(-1);

}
