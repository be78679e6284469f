namespace Longview.Local.Evaluation;

/// <summary>Both policies over the same held-out users, with the conditions needed to read the numbers.</summary>
public sealed record EvaluationReport(
    string ModelVersion,
    int Users,
    int SkippedUsers,
    int CatalogueSize,
    ListQuality PureRelevance,
    ListQuality RetentionAware,
    IReadOnlyDictionary<string, int> RetentionAwareSegments,
    TimeSpan Elapsed);
