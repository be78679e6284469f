namespace Longview.Core.Lifecycle;

/// <summary>
/// Thresholds of the lifecycle segments and of the recency/frequency churn score. Recency = asOf - last active
/// day, in whole days; age = asOf - first seen day.
/// </summary>
public sealed class LifecycleOptions
{
    /// <summary>New: age &lt;= this.</summary>
    public int NewMaxAgeDays { get; set; } = 7;

    /// <summary>Active (or reactivated): recency &lt;= this.</summary>
    public int ActiveMaxRecencyDays { get; set; } = 7;

    /// <summary>At risk: ActiveMaxRecencyDays &lt; recency &lt;= this.</summary>
    public int AtRiskMaxRecencyDays { get; set; } = 30;

    /// <summary>Dormant: AtRiskMaxRecencyDays &lt; recency &lt;= this; churned beyond.</summary>
    public int DormantMaxRecencyDays { get; set; } = 90;

    /// <summary>Reactivated: a return after at least this many consecutive days without activity.</summary>
    public int ReactivationMinGapDays { get; set; } = 30;

    /// <summary>
    /// An otherwise active user (recency &lt;= ActiveMaxRecencyDays) whose churn risk is strictly above this is at risk.
    /// The default is measured: on the temporal protocol (N = 90 days) it is the most selective threshold whose mean F1
    /// of "churns in the next N days" among recently active users, over ml-1m, Last.fm, Amazon and CDNOW and both the
    /// recency-frequency score and the logistic model, is within 0.01 of the best (Lifecycle/README.md, "The at-risk
    /// threshold"). 0.5 flagged nobody through the fallback score, whose maximum for an active user is 0.354 with the
    /// default weights.
    /// </summary>
    public double ChurnRiskThreshold { get; set; } = 0.25;

    /// <summary>Churn score: days of recency at which the recency term saturates at 1.</summary>
    public int ScoreRecencyHorizonDays { get; set; } = 90;

    /// <summary>Churn score: the window (ending on the as-of day) in which active days are counted.</summary>
    public int ScoreFrequencyWindowDays { get; set; } = 30;

    /// <summary>Churn score: active days in the window at which the frequency term reaches 0.</summary>
    public int ScoreFrequencyTargetDays { get; set; } = 10;

    /// <summary>Churn score: weight of the recency term; the frequency term gets 1 - this.</summary>
    public double ScoreRecencyWeight { get; set; } = 0.7;

    /// <summary>
    /// Engagement: an activity event this many minutes or more after the previous one opens a new session
    /// (<see cref="Engagement.Sessions"/>); 30 is the usual inactivity timeout of the analytics tools.
    /// </summary>
    public int SessionGapMinutes { get; set; } = 30;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (NewMaxAgeDays is < 0 or > 3650)
        {
            problems.Add($"NewMaxAgeDays: {NewMaxAgeDays} is outside 0..3650");
        }
        if (ActiveMaxRecencyDays is < 0 or > 3650)
        {
            problems.Add($"ActiveMaxRecencyDays: {ActiveMaxRecencyDays} is outside 0..3650");
        }
        if (AtRiskMaxRecencyDays <= ActiveMaxRecencyDays || AtRiskMaxRecencyDays > 3650)
        {
            problems.Add($"AtRiskMaxRecencyDays: {AtRiskMaxRecencyDays} must be above ActiveMaxRecencyDays ({ActiveMaxRecencyDays}) and at most 3650");
        }
        if (DormantMaxRecencyDays <= AtRiskMaxRecencyDays || DormantMaxRecencyDays > 3650)
        {
            problems.Add($"DormantMaxRecencyDays: {DormantMaxRecencyDays} must be above AtRiskMaxRecencyDays ({AtRiskMaxRecencyDays}) and at most 3650");
        }
        if (ReactivationMinGapDays is < 1 or > 3650)
        {
            problems.Add($"ReactivationMinGapDays: {ReactivationMinGapDays} is outside 1..3650");
        }
        if (!(ChurnRiskThreshold >= 0 && ChurnRiskThreshold <= 1))
        {
            problems.Add($"ChurnRiskThreshold: {ChurnRiskThreshold} is outside [0, 1]");
        }
        if (ScoreRecencyHorizonDays is < 1 or > 3650)
        {
            problems.Add($"ScoreRecencyHorizonDays: {ScoreRecencyHorizonDays} is outside 1..3650");
        }
        if (ScoreFrequencyWindowDays is < 1 or > 3650)
        {
            problems.Add($"ScoreFrequencyWindowDays: {ScoreFrequencyWindowDays} is outside 1..3650");
        }
        if (ScoreFrequencyTargetDays < 1 || ScoreFrequencyTargetDays > ScoreFrequencyWindowDays)
        {
            problems.Add($"ScoreFrequencyTargetDays: {ScoreFrequencyTargetDays} is outside 1..ScoreFrequencyWindowDays ({ScoreFrequencyWindowDays})");
        }
        if (!(ScoreRecencyWeight >= 0 && ScoreRecencyWeight <= 1))
        {
            problems.Add($"ScoreRecencyWeight: {ScoreRecencyWeight} is outside [0, 1]");
        }
        if (SessionGapMinutes is < 1 or > 1440)
        {
            problems.Add($"SessionGapMinutes: {SessionGapMinutes} is outside 1..1440");
        }
        return problems;
    }

    public void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid lifecycle options: " + string.Join("; ", problems));
        }
    }
}
