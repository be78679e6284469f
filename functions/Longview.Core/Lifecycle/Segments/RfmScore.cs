namespace Longview.Core.Lifecycle.Segments;

/// <summary>A user's recency, frequency and monetary quintile scores (5 = best: most recent, most frequent, most spent) and tier.</summary>
public sealed record RfmScore(string UserId, int Recency, int Frequency, int Monetary, RfmTier Tier);
