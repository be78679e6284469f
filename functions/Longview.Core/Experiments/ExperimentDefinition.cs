namespace Longview.Core.Experiments;

/// <summary>
/// An online experiment on real traffic: from <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive), every
/// user who asks for recommendations is assigned one of <see cref="Variants"/> by a salted hash of the user id
/// (<see cref="ExperimentBucket"/>). The end is also the planned horizon: results read before it carry a warning.
/// </summary>
public sealed class ExperimentDefinition
{
    /// <summary>Lowercase letters, digits and '-', 1-40 characters (it is part of impression context keys and routes).</summary>
    public string Id { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>The hash salt; defaults to the id. Two experiments with different salts assign independently.</summary>
    public string? Salt { get; set; }

    public DateTimeOffset Start { get; set; }

    public DateTimeOffset End { get; set; }

    /// <summary>The variant the others are compared with; its name must be one of <see cref="Variants"/>.</summary>
    public string Control { get; set; } = "control";

    public List<ExperimentVariant> Variants { get; set; } = [];

    public string EffectiveSalt => string.IsNullOrEmpty(Salt) ? Id : Salt;

    public bool IsRunningAt(DateTimeOffset time) => time >= Start && time < End;
}
