using System.Globalization;
using Longview.Core.Retention.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Longview.Functions.Retention;

/// <summary>
/// The retention job on Durable Functions: a timer shortly after midnight UTC (and POST /api/retention/runs for a
/// backfill) starts the orchestration, which runs one activity per as-of day; each activity is Core's
/// <see cref="RetentionJob.RunAsync"/> (one streaming scan of the profiles, then the reports store + blob copies).
/// Instance ids are "retention-{from}-{to}", so a second start of the same range while one runs is refused, and a
/// re-run overwrites the same reports. Registration: AddRetentionJob() + AddCosmosReportStore().
/// </summary>
public sealed class RetentionFunctions(RetentionJob job, RetentionJobOptions options, TimeProvider time)
{
    public const string Orchestrator = "RetentionJob";
    public const string RunDayActivity = "RetentionRunDay";

    /// <summary>Input of the orchestration: the as-of days [From, To] as yyyy-MM-dd (JSON-friendly for Durable).</summary>
    public sealed record RetentionRange(string From, string To);

    /// <summary>What one activity stored.</summary>
    public sealed record RetentionDaySummary(string AsOf, long UsersScanned, int DailyRows, int MonthlyRows);

    /// <summary>Deterministic: only the input and the activities' results; no clock.</summary>
    [Function(Orchestrator)]
    public async Task<IReadOnlyList<RetentionDaySummary>> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var range = context.GetInput<RetentionRange>()!;
        var days = RetentionJob.BackfillDays(Day(range.From), Day(range.To), options);
        var results = new List<RetentionDaySummary>(days.Count);
        foreach (var day in days)
        {
            // Days run one after another: each scans every profile, and running them in parallel would multiply the RU load.
            results.Add(await context.CallActivityAsync<RetentionDaySummary>(RunDayActivity, Iso(day)));
        }
        return results;
    }

    [Function(RunDayActivity)]
    public async Task<RetentionDaySummary> RunDay([ActivityTrigger] string asOf, CancellationToken ct)
    {
        var reports = await job.RunAsync(Day(asOf), ct);
        return new RetentionDaySummary(asOf, reports.UsersScanned, reports.Daily.Count, reports.Monthly.Count);
    }

    /// <summary>Every day at 00:15 UTC, as of the day that ended; the run on the 1st closes the previous month.</summary>
    [Function("RetentionSchedule")]
    public Task Schedule([TimerTrigger("0 15 0 * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        var asOf = Iso(RetentionSchedule.AsOfFor(time.GetUtcNow()));
        return StartAsync(client, new RetentionRange(asOf, asOf), ct);
    }

    /// <summary>POST /api/retention/runs?from=&amp;to=: run (or backfill) the job for [from, to]; 202 with the instance id.</summary>
    [Function("StartRetentionRun")]
    public async Task<IActionResult> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "retention/runs")] HttpRequest request, [DurableClient] DurableTaskClient client, CancellationToken ct)
    {
        var range = ReportRange.Parse(request.Query["from"].FirstOrDefault(), request.Query["to"].FirstOrDefault(), out var error);
        if (range?.From is not { } from || range.To is not { } to)
        {
            return RetentionHttp.BadRange(error ?? new ReportRangeError("from", "from and to are both required"));
        }
        try
        {
            RetentionJob.BackfillDays(from, to, options);
        }
        catch (ArgumentException e)
        {
            return RetentionHttp.BadRange(new ReportRangeError("to", e.Message));
        }
        var instance = await StartAsync(client, new RetentionRange(Iso(from), Iso(to)), ct);
        return new AcceptedResult((string?)null, new { instanceId = instance });
    }

    private static async Task<string> StartAsync(DurableTaskClient client, RetentionRange range, CancellationToken ct)
    {
        var instanceId = $"retention-{range.From}-{range.To}";
        if (await client.GetInstanceAsync(instanceId, ct) is { IsRunning: true })
        {
            return instanceId;
        }
        return await client.ScheduleNewOrchestrationInstanceAsync(Orchestrator, range, new StartOrchestrationOptions(instanceId), ct);
    }

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
