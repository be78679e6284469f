namespace Longview.Core.Training.Runs;

/// <summary>One step of a run as it happened: its times (workflow time), whether it succeeded, and what it found.</summary>
public sealed record TrainingStepRecord(string Name, DateTimeOffset StartedAt, DateTimeOffset EndedAt, bool Succeeded, string? Detail);
