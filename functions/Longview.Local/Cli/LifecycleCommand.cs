using System.CommandLine;
using Longview.Core.Lifecycle.Jobs;
using Longview.Core.Lifecycle.Members;

namespace Longview.Local.Cli;

/// <summary>
/// <c>lifecycle [--run] [--as-of D] [--segment S] [--min-risk R] [--limit N] [--format csv|json] [--data F]</c>: with
/// --run, the daily lifecycle job as of D (default yesterday) over a data folder's profiles; then the top of a segment's
/// member list (default at_risk) ranked by value at risk, as CSV (default) or JSON lines, read a page at a time.
/// </summary>
internal static class LifecycleCommand
{
    public static Command Create()
    {
        var run = new Option<bool>("--run") { Description = "Run the lifecycle job first (models, member lists, lifecycle reports)." };
        var asOf = new Option<string?>("--as-of") { Description = "With --run: the as-of UTC day yyyy-MM-dd (default: yesterday)." };
        var segment = new Option<string>("--segment") { Description = "Segment to list: a stage (at_risk, dormant, ...), rfm_<tier> or group_<n>.", DefaultValueFactory = _ => LifecycleBlobs.AtRiskSegment };
        var minRisk = new Option<double>("--min-risk") { Description = "Only members with at least this churn risk.", DefaultValueFactory = _ => 0 };
        var limit = new Option<int>("--limit") { Description = "Most members to print.", DefaultValueFactory = _ => 100 };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var data = CommonOptions.Data();
        var command = new Command("lifecycle", "Run the daily lifecycle job and list a segment's members ranked by value at risk.") { run, asOf, segment, minRisk, limit, format, data };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(minRisk) is var risk && !(risk >= 0 && risk <= 1))
            {
                await Console.Error.WriteLineAsync($"--min-risk: {risk} is not a churn risk in [0, 1]");
                return 2;
            }
            await using var services = CliServices.Create(Path.GetFullPath(parse.GetValue(data)!));
            if (parse.GetValue(run))
            {
                var day = CommonOptions.ParseDay(parse.GetValue(asOf), "--as-of") ?? DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime).AddDays(-1);
                var summary = await services.GetRequiredService<LifecycleJob>().RunAsync(day, ct);
                await Console.Error.WriteLineAsync($"lifecycle as of {summary.AsOf}: {summary.UsersScored:N0} users scored, {summary.AtRiskMembers:N0} at risk; churn risk from {summary.ChurnRiskSource}; value in {summary.ValueBasis}");
            }
            var reader = services.GetRequiredService<LifecycleReader>();
            var remaining = Math.Max(parse.GetValue(limit), 0);
            MemberCursor? cursor = null;
            var first = true;
            while (remaining > 0)
            {
                var page = await reader.MembersAsync(parse.GetValue(segment)!, risk, Math.Min(remaining, LifecycleReader.MaxLimit), cursor, ct);
                if (page is null)
                {
                    await Console.Error.WriteLineAsync("no lifecycle lists yet: run with --run (or start ./dev run and let the daily job run)");
                    return 1;
                }
                await Console.Out.WriteAsync(parse.GetValue(format) == "json"
                    ? string.Concat(page.Users.Select(u => MemberListWriter.Line(u) + "\n"))
                    : MemberCsv.ToCsv(page.Users, header: first));
                first = false;
                remaining -= page.Users.Count;
                if (page.NextCursor is null || !MemberCursor.TryParse(page.NextCursor, out var next))
                {
                    break;
                }
                cursor = next;
            }
            return 0;
        });
        return command;
    }
}
