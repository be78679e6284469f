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

    /// <summary>Only the cursors this code writes parse: any other text is refused (a 400 at the route).</summary>
    [Property]
    public bool Only_canonical_cursors_parse(string text) =>
        !MemberCursor.TryParse(text, out var parsed) || parsed.ToString() == text;

    [Theory]
    [InlineData("")]
    [InlineData("nope")]
    [InlineData("djJ8MjAyNC0wMS0wMXwwfDA")] // v2|2024-01-01|0|0
    [InlineData("djF8MjAyNC0wMS0wMXww")] // v1|2024-01-01|0 (three parts)
    [InlineData("djF8MjAyNC0xMy0wMXwwfDA")] // v1|2024-13-01|0|0 (no such month)
    [InlineData("djF8MjAyNC0wMS0wMXwtMXww")] // v1|2024-01-01|-1|0
    public void Text_that_is_not_a_cursor_is_refused(string text) => Assert.False(MemberCursor.TryParse(text, out _));
}
