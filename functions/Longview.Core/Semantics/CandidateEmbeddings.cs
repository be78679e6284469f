using Longview.Core.Ranking;
using Longview.Core.Serving.Catalog;

namespace Longview.Core.Semantics;

/// <summary>Gives each candidate its current text embedding from the snapshot, for the re-ranker's similarity of meanings (<c>Longview:Recommendations:EmbeddingDiversity</c>).</summary>
public static class CandidateEmbeddings
{
    public static List<Candidate> Attach(List<Candidate> candidates, CatalogSnapshot catalogue)
    {
        if (catalogue.EmbeddingEncoder is null)
        {
            return candidates;
        }
        return [.. candidates.Select(c => catalogue.EmbeddingOf(c.ItemId) is { } v ? c with { Embedding = v } : c)];
    }
}
