using System.Globalization;
using Longview.Core.Lifecycle.Jobs;
using Longview.Core.Telemetry;
using Longview.Core.Workflows;

namespace Longview.Core.Retention.Jobs;


/// <summary>What the run of one as-of day stored.</summary>
public sealed record RetentionDaySummary(string AsOf, long UsersScanned, int DailyRows, int MonthlyRows);

/// <summary>
/// The retention job as a workflow, written once against <see cref="IWorkflowContext"/>: one step per as-of day of the
/// range, in order (each scans every profile; running days in parallel would multiply the store load), each retried by
/// the range's <see cref="RetentionRunRange.DayRetry"/>. Deterministic: only the input (settings included, captured when
/// the run was requested) and the steps' results, no clock, and no <c>ConfigureAwait(false)</c>: in a Durable
/// orchestrator that moves the continuation off the replay thread and the instance never completes. Durable adapts the
/// context in Azure; the local host runs it in-process.
/// </summary>
public static class RetentionWorkflow
{
    public const string RunDayStep = "RetentionRunDay";

    public static async Task<IReadOnlyList<RetentionDaySummary>> RunAsync(IWorkflowContext context, RetentionRunRange range)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(range);
        var days = RetentionJob.BackfillDays(Day(range.From, "From"), Day(range.To, "To"), range.MaxBackfillDays);
        var results = new List<RetentionDaySummary>(days.Count);
        foreach (var day in days)
        {
            results.Add(await context.CallAsync<string, RetentionDaySummary>(RunDayStep, Iso(day), range.DayRetry));
        }
        if (range.Lifecycle)
        {
            // Lists are about today: the lifecycle job runs once, for the last day of the range, after its reports.
            await context.CallAsync<string, LifecycleDaySummary>(LifecycleWorkflow.RunDayStep, Iso(days[^1]), range.DayRetry);
        }
        if (range.Campaigns)
        {
            // Audiences read the lifecycle scores just written: enrol each running campaign's audience of the day.
            await context.CallAsync<string, Campaigns.CampaignEnrolmentDay>(Campaigns.CampaignWorkflow.EnrolDayStep, Iso(days[^1]), range.DayRetry);
        }
        if (range.Outcomes)
        {
            // The outcome of the lists whose windows closed by the end of the last day: one stored report per serving day.
            await context.CallAsync<string, Outcomes.OutcomeDaySummary>(Outcomes.OutcomeWorkflow.RunDayStep, Iso(days[^1]), range.DayRetry);
        }
        return results;
    }

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Day(string text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new ArgumentException($"{field}: '{text}' is not an ISO date yyyy-MM-dd", nameof(text));
}

/// <summary>
/// The workflow's one step: Core's <see cref="RetentionJob.RunAsync"/> for one as-of day, counted and timed
/// (<c>longview.retention.runs</c>, <c>longview.retention.duration</c>) here rather than in the deterministic workflow.
/// </summary>
public sealed class RetentionRunDayStep(RetentionJob job, TimeProvider? time = null, LongviewMetrics? metrics = null) : IWorkflowStep<string, RetentionDaySummary>
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly LongviewMetrics _metrics = metrics ?? LongviewMetrics.Unscoped;

    public string Name => RetentionWorkflow.RunDayStep;

    public async Task<RetentionDaySummary> RunAsync(string input, CancellationToken cancellationToken)
    {
        using var activity = LongviewTelemetry.ActivitySource.StartActivity("longview.retention.day");
        activity?.SetTag("longview.as_of", input);
        var started = _time.GetTimestamp();
        try
        {
            var reports = await job.RunAsync(RetentionWorkflow.Day(input, "asOf"), cancellationToken).ConfigureAwait(false);
            _metrics.RetentionDayEnded("succeeded", _time.GetElapsedTime(started));
            return new RetentionDaySummary(input, reports.UsersScanned, reports.Daily.Count, reports.Monthly.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _metrics.RetentionDayEnded("failed", _time.GetElapsedTime(started));
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }
}
