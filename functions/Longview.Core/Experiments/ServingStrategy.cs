namespace Longview.Core.Experiments;

/// <summary>How a variant builds its candidate pool.</summary>
public enum ServingStrategy
{
    /// <summary>The sequence model when one is loaded and the user's history is long enough (the product's default).</summary>
    Model,

    /// <summary>Cold start for everyone: recent popularity and the user's category affinities, never the model.</summary>
    Popularity,
}
