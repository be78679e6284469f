using FsCheck;
using FsCheck.Xunit;
using Longview.Core.Lifecycle.Members;
using Longview.Core.Lifecycle.Scoring;
using Longview.Core.Lifecycle.Segments;

namespace Longview.Core.Tests.LifecycleJobs;

public sealed class LifecycleScoringProperties
{
    /// <summary>A user scored alone with the population's cuts gets the score the whole-population scoring gives.</summary>
    [Property(MaxTest = 200)]
    public bool Rfm_cuts_score_each_user_as_the_population_scoring_does(NonEmptyArray<(byte Recency, byte Frequency, byte Money)> raw)
    {
        var users = raw.Get.Select((u, i) => new RfmTiers.RfmValues($"u{i}", u.Recency % 40, u.Frequency % 7, u.Money % 13 * 2.5)).ToList();
        var cuts = RfmCuts.Fit(users);
        var together = RfmTiers.Score(users);
        return users.Select(cuts.Score).SequenceEqual(together);
    }

    [Property]
    public bool Cursors_round_trip(ushort dayOffset, ushort page, ushort row)
    {
        var cursor = new MemberCursor(new DateOnly(2020, 1, 1).AddDays(dayOffset % 5000), page, row);
        return MemberCursor.TryParse(cursor.ToString(), out var parsed) && parsed == cursor;
    }

    [Property]
    public bool Anything_else_is_not_a_cursor(string text) =>
        !MemberCursor.TryParse(text, out var parsed) || MemberCursor.TryParse(parsed.ToString(), out _);
}
