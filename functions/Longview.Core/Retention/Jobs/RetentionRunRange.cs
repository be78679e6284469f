using Longview.Core.Workflows;

namespace Longview.Core.Retention.Jobs;

/// <summary>
/// The input of one retention workflow run: the as-of days [From, To] as yyyy-MM-dd (JSON-friendly for Durable) and the
/// settings captured when the run was requested (the backfill bound, the retry of a day), so a settings change cannot
/// change a running or replayed instance.
/// </summary>
public sealed record RetentionRunRange(string From, string To, int MaxBackfillDays, StepRetry DayRetry)
{
    /// <summary>The run of [<paramref name="from"/>, <paramref name="to"/>] with the settings of this moment.</summary>
    public static RetentionRunRange Capture(DateOnly from, DateOnly to, RetentionJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RetentionRunRange(RetentionWorkflow.Iso(from), RetentionWorkflow.Iso(to), options.MaxBackfillDays, options.DayRetry.Copy());
    }

    /// <summary>
    /// The instance id of one start of this run, the same shape in both hosts; <paramref name="unique"/> makes each start
    /// its own instance (two runs of one day write the same reports, so overlap is harmless).
    /// </summary>
    public string InstanceId(Guid unique) => $"retention-{From}-{To}-{unique:N}";
}
