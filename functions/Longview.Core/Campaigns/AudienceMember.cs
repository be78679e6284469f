using Longview.Core.Lifecycle;
using Longview.Core.Profiles;

namespace Longview.Core.Campaigns;

/// <summary>What an audience decides on: the user's profile and today's classification of it.</summary>
public readonly record struct AudienceMember(UserProfile Profile, DateOnly Today, LifecycleSegment Segment, double ChurnRisk);
