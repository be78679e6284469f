namespace Longview.Core.Outcomes;

/// <summary>Settings of the list outcome report (section <c>Longview:Outcomes</c>, the same in both hosts).</summary>
public sealed class OutcomeOptions
{
    public const string SectionName = "Longview:Outcomes";

    /// <summary>How long after a list is served its clicks, purchases and returns count toward it (default 1 day).</summary>
    public TimeSpan AttributionWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Log every served list (the outcome report's and the experiments' input); on by default in both hosts.</summary>
    public bool LogLists { get; set; } = true;

    /// <summary>Lists joined per page: one page of lists and their users' profiles is in memory at a time.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>The longest range of serving days one report covers.</summary>
    public int MaxRangeDays { get; set; } = 31;
}
