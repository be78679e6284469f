namespace Longview.Api;

/// <summary>
/// The user's time-decayed taste for a category as of their last activity: the sum of the event weights on the category's
/// items, each halved every affinity half-life since it happened (negative when dislikes dominate).
/// </summary>
public sealed record PublicCategoryAffinity(string Category, double Score);
