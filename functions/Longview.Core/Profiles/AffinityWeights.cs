using Longview.Core.Events;

namespace Longview.Core.Profiles;

/// <summary>How much one event says about the user's taste for the item's categories (negative: distaste).</summary>
public sealed class AffinityWeights
{
    public double View { get; set; } = 1;
    public double Click { get; set; } = 2;
    public double Purchase { get; set; } = 5;
    public double Like { get; set; } = 3;
    public double Share { get; set; } = 3;
    public double Dislike { get; set; } = -3;

    /// <summary>Ratings at or above this (on the producer's scale; 4 of 5 by default) count as liking.</summary>
    public double RatingLikedAtLeast { get; set; } = 4;

    /// <summary>Ratings at or below this count as disliking.</summary>
    public double RatingDislikedAtMost { get; set; } = 2;

    public double RatingLiked { get; set; } = 3;
    public double RatingNeutral { get; set; } = 1;
    public double RatingDisliked { get; set; } = -2;

    public double For(EventType type, double? value) => type switch
    {
        EventType.View => View,
        EventType.Click => Click,
        EventType.Purchase => Purchase,
        EventType.Like => Like,
        EventType.Share => Share,
        EventType.Dislike => Dislike,
        EventType.Rating when value >= RatingLikedAtLeast => RatingLiked,
        EventType.Rating when value <= RatingDislikedAtMost => RatingDisliked,
        EventType.Rating => RatingNeutral,
        _ => 0,
    };
}
