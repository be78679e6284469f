using System.ComponentModel.DataAnnotations;
using Longview.Core.Workflows;

namespace Longview.Core.Lifecycle.Scoring;

/// <summary>
/// The daily lifecycle job: what it fits on, the horizon of its value forecasts and the shape of its member lists.
/// Bound from <c>Longview:Lifecycle:Job</c>.
/// </summary>
public sealed class LifecycleJobOptions : IValidatableObject
{
    public const string SectionName = "Lifecycle:Job";

    /// <summary>Horizon of expected purchases and predicted value (predicted LTV), in days.</summary>
    public int HorizonDays { get; set; } = 365;

    /// <summary>N of the churn label: a user churns when inactive for the N days after the as-of day.</summary>
    public int ChurnHorizonDays { get; set; } = 90;

    /// <summary>
    /// Users the models are fitted on: a deterministic sample (the smallest hashes of the user ids), so fitting memory is
    /// bounded whatever the user count and the same store gives the same fit.
    /// </summary>
    public int FitSampleUsers { get; set; } = 100_000;

    /// <summary>
    /// Most likelihood evaluations one model fit may spend (each costs one pass over the sample's distinct histories); the
    /// best point found is kept when it runs out, so a likelihood that crawls along a bound cannot stall the job.
    /// </summary>
    public int FitEvaluations { get; set; } = 3_000;

    /// <summary>Users of the sample k-means runs on (it is O(users · k · iterations) per k tried).</summary>
    public int GroupFitUsers { get; set; } = 20_000;

    /// <summary>Most behavioural groups tried (k from 2 up to this, chosen by silhouette).</summary>
    public int MaxGroups { get; set; } = 6;

    /// <summary>
    /// Repeat buyers with a positive spend the sample needs for money to be modelled (BG/NBD on purchase days and Gamma-Gamma spend); with
    /// fewer, value is expected active days from BG/NBD on active days.
    /// </summary>
    public int MinRepeatBuyers { get; set; } = 30;

    /// <summary>Rows per page blob of a member list: the most one request reads at once.</summary>
    public int ListPageRows { get; set; } = 1_000;

    /// <summary>Rows sorted in memory before a sorted run is spilled to a blob: the job's memory bound for the lists.</summary>
    public int ListRunRows { get; set; } = 100_000;

    /// <summary>Reasons given per user.</summary>
    public int Reasons { get; set; } = 3;

    /// <summary>Retries of the lifecycle step (idempotent: a re-run overwrites the day's model, lists and reports).</summary>
    public StepRetry Retry { get; set; } = new();

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        Check(problems, nameof(HorizonDays), HorizonDays, 1, 3_650);
        Check(problems, nameof(ChurnHorizonDays), ChurnHorizonDays, 1, 3_650);
        Check(problems, nameof(FitSampleUsers), FitSampleUsers, 100, 10_000_000);
        Check(problems, nameof(GroupFitUsers), GroupFitUsers, 100, 1_000_000);
        Check(problems, nameof(FitEvaluations), FitEvaluations, 100, 1_000_000);
        Check(problems, nameof(MaxGroups), MaxGroups, 2, 20);
        Check(problems, nameof(MinRepeatBuyers), MinRepeatBuyers, 3, 1_000_000);
        Check(problems, nameof(ListPageRows), ListPageRows, 10, 100_000);
        Check(problems, nameof(ListRunRows), ListRunRows, ListPageRows, 10_000_000);
        Check(problems, nameof(Reasons), Reasons, 1, 7);
        if (Retry.Problem(nameof(Retry)) is { } retry)
        {
            problems.Add(retry);
        }
        return problems;
    }

    public void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid lifecycle job options: " + string.Join("; ", problems));
        }
    }

    // Settings validation (SettingsValidator): each problem starts with the setting's name within the section.
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext) =>
        Validate().Select(problem => new ValidationResult(problem));

    private static void Check(List<string> problems, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add($"{name}: {value} is outside {min}..{max}");
        }
    }
}
