namespace Longview.Core.Lifecycle.Jobs;

/// <summary>What the lifecycle run of one as-of day stored, and how long each pass took (seconds).</summary>
public sealed record LifecycleDaySummary(string AsOf, long UsersScanned, long UsersScored, long AtRiskMembers, string ChurnRiskSource, string ValueBasis,
    double SampleSeconds = 0, double FitSeconds = 0, double ScoreSeconds = 0, double ListSeconds = 0);
