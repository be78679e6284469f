namespace Longview.Api;

/// <summary>The user's explicit ratings: how many, their mean and range (null before the first).</summary>
public sealed record PublicRatings(long Count, double? Mean, double? Min, double? Max);
