using FsCheck;
using FsCheck.Xunit;
using Longview.Core.Events;

namespace Longview.Core.Tests.Events;

public sealed class IdRuleTests
{
    [Theory]
    [InlineData("u1")]
    [InlineData("a/b")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a%2Fb")]
    [InlineData("a?b#c\\d")]
    [InlineData("  ")]
    [InlineData("caf\u00e9 \u4e2d\u6587")]
    [InlineData("\ud83d\ude00")] // a supplementary character: a surrogate pair, not an unpaired surrogate
    [InlineData("\u00a0")] // the first character after the C1 range
    public void Accepts_ids_producers_send(string id)
    {
        Assert.Null(IdRule.Problem(id));
        Assert.True(IdRule.IsValid(id));
    }

    // A lone surrogate survives neither an attribute argument nor xUnit's serialization of discovered cases.
    public static TheoryData<string, string> Invalid() => new()
    {
        { "a\u0000b", "control" },
        { "a\u001fb", "control" },
        { "a\u007fb", "control" },
        { "a\u0080b", "control" },
        { "a\u0085b", "U+0085" },
        { "a\u009fb", "control" },
        { "\ud800", "unpaired surrogate (U+D800 at position 0)" },
        { "a\udc00", "unpaired surrogate" },
        { "\ude00\ud83d", "unpaired surrogate" },
        { "ab\ud83d", "unpaired surrogate (U+D83D at position 2)" },
        { "", "empty" },
    };

    [Theory]
    [MemberData(nameof(Invalid), DisableDiscoveryEnumeration = true)]
    public void Refuses_ids_with_a_precise_reason(string id, string reason)
    {
        Assert.Contains(reason, IdRule.Problem(id));
        Assert.False(IdRule.IsValid(id));
    }

    [Fact]
    public void Bounds_the_length_in_utf16_code_units()
    {
        Assert.Null(IdRule.Problem(new string('x', IdRule.MaxLength)));
        Assert.Contains($"{IdRule.MaxLength + 1} characters", IdRule.Problem(new string('x', IdRule.MaxLength + 1)));
        Assert.Equal("is required", IdRule.Problem(null));
    }

    /// <summary>
    /// The rule as it reads, character by character, against the rule as built (a printable-ASCII scan first): the same
    /// verdict and the same reason for any text. Characters are drawn around every boundary the rule has (C0, DEL, C1,
    /// the surrogate ranges, the printable ASCII range's ends) so that failures are common.
    /// </summary>
    [Property(MaxTest = 1_000)]
    public bool The_character_rule_is_the_character_by_character_rule(byte[] picks, NonNegativeInt prefix)
    {
        char[] boundaries = ['a', ' ', '~', '\u0000', '\u001f', '\u007f', '\u0080', '\u009f', '\u00a0', '\u00e9', '\ud800', '\udbff', '\udc00', '\udfff', '\ue000', '\u4e2d'];
        var text = new string('x', prefix.Get % 40) + new string(picks.Select(p => boundaries[p % boundaries.Length]).ToArray());
        return IdRule.CharacterProblem(text) == CharacterByCharacter(text);
    }

    private static string? CharacterByCharacter(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]))
            {
                return $"must not contain control characters (U+{(int)text[i]:X4} at position {i})";
            }
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return $"must not contain an unpaired surrogate (U+{(int)text[i]:X4} at position {i})";
            }
        }
        return null;
    }

    [Fact]
    public void The_reason_never_echoes_the_id()
    {
        const string id = "secret-user\u0085";

        Assert.DoesNotContain("secret-user", IdRule.Problem(id));
    }
}
