namespace Longview.Core.Outcomes;

/// <summary>
/// The daily outcome job as a workflow step: the retention workflow calls it after the retention reports (and the
/// lifecycle job) of its last day (<see cref="Retention.Jobs.RetentionRunRange.Outcomes"/>), as a Durable activity in
/// Azure and in-process in the self-hosted host.
/// </summary>
public static class OutcomeWorkflow
{
    public const string RunDayStep = "OutcomesRunDay";
}
