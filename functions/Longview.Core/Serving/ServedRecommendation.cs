using Longview.Core.Ports;

namespace Longview.Core.Serving;

/// <summary>
/// A served list with the profile version it was computed from (null when the user had none) and
/// <paramref name="ServedAt"/>, the time taken before that profile was read: its impressions carry it, so an erasure
/// that happened after the read (erased-at later than this) discards them even when they are ingested much later.
/// </summary>
public sealed record ServedRecommendation(Recommendation Recommendation, StoredProfile? Profile, DateTimeOffset? ServedAt = null);
