namespace Longview.Core.Training.Promotion;

/// <summary>
/// One resumable slice of a champion evaluation: <see cref="Users"/> evaluated, the sum of their NDCG@10
/// <see cref="Gains"/>, the items their top-10 lists held (<see cref="Recommended"/>, for coverage), the snapshot's item
/// count, and the snapshot line the next slice starts at (<see cref="NextUser"/>), or <see cref="Done"/> at the snapshot's end.
/// </summary>
public sealed record ChampionEvaluationPart(long Users, double Gains, IReadOnlyList<string> Recommended, int SnapshotItems, long NextUser, bool Done);
