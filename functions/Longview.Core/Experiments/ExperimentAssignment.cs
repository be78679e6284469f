namespace Longview.Core.Experiments;

/// <summary>A user's variant in one running experiment, as it appears in the recommendation response.</summary>
public sealed record ExperimentAssignment(string ExperimentId, string Variant);
