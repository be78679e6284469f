using System.ComponentModel.DataAnnotations;
using Longview.Core.Lifecycle;

namespace Longview.Core.Retention;

/// <summary>Which retention tables are computed and the limits that keep their memory bounded.</summary>
public sealed class RetentionOptions : IValidatableObject
{
    public const string SectionName = "Retention";

    /// <summary>The N of the daily N-day and unbounded retention columns (ascending, distinct, 1..3650).</summary>
    public int[] Days { get; set; } = [1, 3, 7, 14, 30, 60, 90];

    /// <summary>Monthly retention is computed for months 1..Months after the cohort month (1..120).</summary>
    public int Months { get; set; } = 12;

    /// <summary>Most daily cohorts one table may span (bounds the accumulator's memory).</summary>
    public int MaxCohortDays { get; set; } = 36_600;

    /// <summary>Most days one activity series (DAU/WAU/MAU) may span.</summary>
    public int MaxActivityDays { get; set; } = 36_600;

    public LifecycleOptions Lifecycle { get; set; } = new();

    /// <summary>Every problem with these options, one message each (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Days is null || Days.Length == 0)
        {
            problems.Add("Days: at least one day is required");
        }
        else
        {
            if (Days.Length > 64)
            {
                problems.Add($"Days: at most 64 values, got {Days.Length}");
            }
            for (var i = 0; i < Days.Length; i++)
            {
                if (Days[i] is < 1 or > 3650)
                {
                    problems.Add($"Days[{i}]: {Days[i]} is outside 1..3650");
                }
                if (i > 0 && Days[i] <= Days[i - 1])
                {
                    problems.Add($"Days[{i}]: {Days[i]} is not greater than the previous value (ascending, distinct)");
                }
            }
        }
        if (Months is < 1 or > 120)
        {
            problems.Add($"Months: {Months} is outside 1..120");
        }
        if (MaxCohortDays is < 1 or > 100_000)
        {
            problems.Add($"MaxCohortDays: {MaxCohortDays} is outside 1..100000");
        }
        if (MaxActivityDays is < 1 or > 100_000)
        {
            problems.Add($"MaxActivityDays: {MaxActivityDays} is outside 1..100000");
        }
        if (Lifecycle is null)
        {
            problems.Add("Lifecycle: must not be null");
        }
        else
        {
            problems.AddRange(Lifecycle.Validate().Select(p => $"Lifecycle:{p}"));
        }
        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when the options are invalid.</summary>
    public void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid retention options: " + string.Join("; ", problems));
        }
    }

    // Settings validation (SettingsValidator): each problem starts with the setting's name within the section.
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) =>
        Validate().Select(problem => new ValidationResult(problem));
}
