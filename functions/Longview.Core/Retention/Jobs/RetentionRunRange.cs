using Longview.Core.Workflows;

namespace Longview.Core.Retention.Jobs;

/// <summary>
/// The input of one retention workflow run: the as-of days [From, To] as yyyy-MM-dd (JSON-friendly for Durable) and the
/// settings captured when the run was requested (the backfill bound, the retry of a day), so a settings change cannot
/// change a running or replayed instance.
/// </summary>
/// <param name="Lifecycle">Whether the run ends with the lifecycle job for its last day (<see cref="Lifecycle.Jobs.LifecycleWorkflow"/>).</param>
/// <param name="Campaigns">Whether the run enrols the running campaigns' audiences after the lifecycle job (<see cref="Campaigns.CampaignWorkflow"/>).</param>
/// <param name="Outcomes">Whether the run ends with the daily outcome job for its last day (<see cref="Outcomes.OutcomeWorkflow"/>).</param>
public sealed record RetentionRunRange(string From, string To, int MaxBackfillDays, StepRetry DayRetry, bool Lifecycle = false, bool Outcomes = false, bool Campaigns = false)
{
    /// <summary>The run of [<paramref name="from"/>, <paramref name="to"/>] with the settings of this moment.</summary>
    public static RetentionRunRange Capture(DateOnly from, DateOnly to, RetentionJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RetentionRunRange(RetentionWorkflow.Iso(from), RetentionWorkflow.Iso(to), options.MaxBackfillDays, options.DayRetry.Copy(), options.Lifecycle, options.Outcomes, options.Campaigns);
    }

    /// <summary>
    /// The run a request asks for: both bounds of <paramref name="range"/> are required and at most
    /// <see cref="RetentionJobOptions.MaxBackfillDays"/> apart; otherwise null, with <paramref name="error"/> naming the parameter.
    /// </summary>
    public static RetentionRunRange? Requested(ReportRange range, RetentionJobOptions options, out ReportRangeError? error)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (range.From is not { } from || range.To is not { } to)
        {
            var missing = range.From is null ? "from" : "to";
            error = new ReportRangeError(missing, $"{missing} is required: a run covers the as-of days [from, to]");
            return null;
        }
        try
        {
            RetentionJob.BackfillDays(from, to, options);
        }
        catch (ArgumentException e)
        {
            error = new ReportRangeError("to", e.Message);
            return null;
        }
        error = null;
        return Capture(from, to, options);
    }

    /// <summary>
    /// The instance id of one start of this run, the same shape in both hosts; <paramref name="unique"/> makes each start
    /// its own instance (two runs of one day write the same reports, so overlap is harmless).
    /// </summary>
    public string InstanceId(Guid unique) => $"retention-{From}-{To}-{unique:N}";
}
