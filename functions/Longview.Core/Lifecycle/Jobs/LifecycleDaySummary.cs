namespace Longview.Core.Lifecycle.Jobs;

/// <summary>What the lifecycle run of one as-of day stored.</summary>
public sealed record LifecycleDaySummary(string AsOf, long UsersScanned, long UsersScored, long AtRiskMembers, string ChurnRiskSource, string ValueBasis);
