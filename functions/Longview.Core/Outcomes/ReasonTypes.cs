using Longview.Core.Ranking;

namespace Longview.Core.Outcomes;

public static class ReasonTypes
{
    /// <summary>An exploration slot counts as exploration whatever its source; otherwise the source decides.</summary>
    public static ReasonType Of(RankedItem item) =>
        item.Exploration || item.Candidate.Source == CandidateSource.NewItem ? ReasonType.Exploration
        : item.Candidate.Source == CandidateSource.Model ? ReasonType.Model
        : ReasonType.Popular;
}
