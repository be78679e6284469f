using Longview.Core.Training.Runs;

namespace Longview.Core.Training;

/// <summary>The input of one pipeline workflow: the queued run and the settings captured when it was queued.</summary>
public sealed record TrainingPipelineInput(TrainingRunRecord Run, TrainingRunSettings Settings);
