using Longview.Core.Training.Runs;

namespace Longview.Api;

/// <summary>The 202 answer of POST /api/training/runs: poll <see cref="StatusUrl"/>.</summary>
public sealed record TrainingRunAccepted(string RunId, TrainingRunStatus Status, string StatusUrl);
