namespace Longview.Core.Training.Jobs;

/// <summary>
/// One execution of the training job: read <see cref="Snapshot"/>, write the model files under the folder
/// <see cref="Output"/>. <see cref="Arguments"/> are extra job flags (epochs, sizes); <see cref="Environment"/> extra variables.
/// </summary>
public sealed record TrainingJobRequest(
    string RunId,
    BlobLocation Snapshot,
    BlobLocation Output,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment);
