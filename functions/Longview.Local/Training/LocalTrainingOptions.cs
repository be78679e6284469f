namespace Longview.Local.Training;

/// <summary>The self-hosted training schedule and the quick first model.</summary>
public sealed class LocalTrainingOptions
{
    public const string SectionName = "Longview:Training:Local";

    /// <summary>Run the pipeline at the times of <c>Longview:Training:Schedule</c> (the setting both hosts read).</summary>
    public bool ScheduleEnabled { get; set; } = true;

    /// <summary>On <c>serve</c> with no promoted model, train one in the background so serving can switch to it.</summary>
    public bool TrainFirstModel { get; set; } = true;

    /// <summary>Job flags for that first model: small and quick, a real model within a few minutes on 2 cores.</summary>
    public List<string> FirstModelJobArguments { get; set; } =
        ["--max-epochs", "30", "--max-minutes", "3", "--dim", "32", "--blocks", "1", "--max-len", "50", "--threads", "1"];
}
