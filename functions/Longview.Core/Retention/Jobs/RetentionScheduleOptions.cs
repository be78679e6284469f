using System.ComponentModel.DataAnnotations;
using Longview.Core.Workflows;

namespace Longview.Core.Retention.Jobs;

/// <summary>
/// When the scheduled retention run starts (section <c>Longview:Retention</c>): the app setting
/// <c>Longview__Retention__Schedule</c>, which the Functions timer names (<c>%Longview__Retention__Schedule%</c>) and the
/// self-hosted scheduler parses with <see cref="CronSchedule"/>. Each run is as of the UTC day before it starts.
/// </summary>
public sealed class RetentionScheduleOptions : IValidatableObject
{
    public const string SectionName = "Longview:Retention";

    /// <summary>NCRONTAB with seconds, UTC; the default is every day at 00:15.</summary>
    public string Schedule { get; set; } = "0 15 0 * * *";

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (!CronSchedule.TryParse(Schedule, out _, out var problem))
        {
            yield return new ValidationResult($"Schedule {problem}", [nameof(Schedule)]);
        }
    }
}
