namespace Longview.Core.Training.Runs;

/// <summary>
/// One page of training runs, newest first; <see cref="NextBefore"/> is the cursor of the next (older) page, null on
/// the last one.
/// </summary>
public sealed record TrainingRunPage(IReadOnlyList<TrainingRunRecord> Runs, string? NextBefore)
{
    public const int DefaultLimit = 20;

    public const int MaxLimit = 100;
}
