using Longview.Core.Ports;

namespace Longview.Core.Serving;

/// <summary>A served list with the profile version it was computed from (null when the user had none).</summary>
public sealed record ServedRecommendation(Recommendation Recommendation, StoredProfile? Profile);
