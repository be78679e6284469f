namespace Longview.Core.Outcomes;

/// <summary>Why an item is in a served list, coarsely: what the outcome report groups clicks by.</summary>
public enum ReasonType
{
    /// <summary>Placed on relevance from the sequence model.</summary>
    Model,

    /// <summary>Placed on relevance from popularity and category affinity (cold start, no model, the popularity strategy).</summary>
    Popular,

    /// <summary>An exploration slot (a new item, or one outside the user's usual categories).</summary>
    Exploration,
}
