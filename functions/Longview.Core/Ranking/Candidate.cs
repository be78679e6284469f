namespace Longview.Core.Ranking;

/// <summary>Why an item entered the candidate pool; drives the explanation and the exploration slots.</summary>
public enum CandidateSource
{
    /// <summary>Scored by the sequence model.</summary>
    Model,

    /// <summary>Recent popularity (cold start or model-less fallback).</summary>
    Popular,

    /// <summary>A recently added catalogue item offered for exploration.</summary>
    NewItem,
}

/// <summary>
/// One item the re-ranker may place. <paramref name="Relevance"/> is on any scale (min-max normalised inside the ranker);
/// <paramref name="Popularity"/> is a probability in (0, 1]; <paramref name="Fatigue"/> in [0, 1) is how close the user is
/// to being fatigued by it; <paramref name="Anchor"/> names the history item that explains it, if any;
/// <paramref name="Embedding"/> is its unit text embedding when the re-ranker's diversity term should compare meanings
/// (<see cref="PoolSimilarity"/>), null otherwise. <paramref name="NewItemScore"/> is a new item's score for this user
/// from its text (the model's <c>NewItemScoring</c>), which orders the new-item exploration slots; null without one.
/// </summary>
public sealed record Candidate(
    string ItemId,
    double Relevance,
    IReadOnlyList<string> Categories,
    double Popularity,
    CandidateSource Source,
    double Fatigue = 0,
    string? Anchor = null,
    string? AffineCategory = null,
    float[]? Embedding = null,
    double? NewItemScore = null);

/// <summary>A placed item with the objective value it was chosen at and its explanation.</summary>
public sealed record RankedItem(Candidate Candidate, double Score, bool Exploration, string Reason);
