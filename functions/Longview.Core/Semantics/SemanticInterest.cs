namespace Longview.Core.Semantics;

/// <summary>
/// One of a user's interests in words: the engaged items whose text embeddings cluster together (<see cref="Items"/>,
/// most recent first), the most typical of them (closest to the cluster's centre, at most three), the tags and categories
/// they share most, the unit centroid, and the interest's share of the clustered items.
/// </summary>
public sealed record SemanticInterest(
    IReadOnlyList<string> Items,
    IReadOnlyList<string> Typical,
    IReadOnlyList<string> Labels,
    float[] Centroid,
    double Share);
