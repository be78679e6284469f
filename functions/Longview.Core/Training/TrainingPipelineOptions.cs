using Longview.Core.Training.Promotion;

namespace Longview.Core.Training;

public sealed class TrainingPipelineOptions
{
    public const string SectionName = "Longview:Training";

    /// <summary>Container of snapshots, job outputs and run records (<c>{runId}/...</c>).</summary>
    public string TrainingContainer { get; set; } = "training";

    /// <summary>Container of the model versions and the pointer (the serving provider reads the same).</summary>
    public string ModelsContainer { get; set; } = "models";

    public string PointerName { get; set; } = "current.json";

    /// <summary>How often the job's status is checked.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The job is stopped and the run fails when it has not succeeded this long after it started.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Extra job flags for every execution, e.g. <c>--max-minutes 30</c>.</summary>
    public List<string> JobArguments { get; set; } = [];

    public Dictionary<string, string> JobEnvironment { get; set; } = new(StringComparer.Ordinal);

    public PromotionPolicyOptions Promotion { get; set; } = new();
}
