using System.ComponentModel.DataAnnotations;

namespace Longview.Core.Outcomes;

/// <summary>Settings of the list outcome report (section <c>Longview:Outcomes</c>, the same in both hosts).</summary>
public sealed class OutcomeOptions : IValidatableObject
{
    public const string SectionName = "Longview:Outcomes";

    /// <summary>How long after a list is served its clicks, purchases and returns count toward it (default 1 day).</summary>
    public TimeSpan AttributionWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Log every served list (the outcome report's and the experiments' input); on by default in both hosts.</summary>
    public bool LogLists { get; set; } = true;

    /// <summary>Lists joined per page: one page of lists and their users' profiles is in memory at a time.</summary>
    [Range(1, 10_000, ErrorMessage = "must be between 1 and 10000")]
    public int PageSize { get; set; } = 500;

    /// <summary>The longest range of serving days one report covers.</summary>
    [Range(1, 366, ErrorMessage = "must be between 1 and 366")]
    public int MaxRangeDays { get; set; } = 31;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AttributionWindow < TimeSpan.FromMinutes(1) || AttributionWindow > TimeSpan.FromDays(30))
        {
            yield return new ValidationResult($"must be between 00:01:00 and 30.00:00:00, was {AttributionWindow}", [nameof(AttributionWindow)]);
        }
    }
}
